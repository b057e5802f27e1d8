package io.raftmetrics.gateway.telnet;

import io.raftmetrics.gateway.auth.Caller;
import io.raftmetrics.gateway.auth.Scope;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One telnet connection: frames its bytes into lines, splits them into words and runs the command. As in KairosDB,
 * only {@code version} is ever answered; a put line adds a point to the server's {@link TelnetBatcher}, and a line
 * that fails is counted and logged (rate-limited) while the connection stays open. With
 * {@code auth_token_required}, the first line must be {@code auth <token>}; anything else, or a token that does not
 * verify with the {@code write} scope, gets one {@code error: ...} line and the connection is closed.
 */
final class TelnetConnection implements LineFramer.Sink {

  private static final byte[] PUT = ascii("put");
  private static final byte[] PUTM = ascii("putm");
  private static final byte[] PUTS = ascii("puts");
  private static final byte[] VERSION = ascii("version");
  private static final byte[] AUTH = ascii("auth");
  private static final int LOGGED_LINE_CHARS = 200;

  /** Reasons to stop reading the socket; it is read again when none remains. */
  static final int PAUSE_PRESSURE = 1;
  private static final int PAUSE_AUTH = 2;
  private static final int PAUSE_WRITE = 4;

  private final NetSocket socket;
  private final TelnetServer.Shared shared;
  private final LineFramer framer;
  private final String remote;
  private byte[] chunk = new byte[16 * 1024];
  private int pauseReasons;
  private boolean authenticated;
  private boolean awaitingAuth;
  /** Refused: what it still sends is ignored. */
  private boolean refused;
  /** The socket's end was delivered. */
  private boolean ended;
  /** Bytes received while a token is being verified. */
  private Buffer held;

  TelnetConnection(NetSocket socket, TelnetServer.Shared shared) {
    this.socket = socket;
    this.shared = shared;
    this.framer = new LineFramer(shared.conf.maxLine());
    this.authenticated = !shared.conf.authRequired();
    this.remote = String.valueOf(socket.remoteAddress());
  }

  void onData(Buffer data) {
    if (refused) {
      return;
    }
    if (awaitingAuth) {
      held = held == null ? data.copy() : held.appendBuffer(data);
      return;
    }
    process(data);
    shared.batcher.added();
  }

  private void process(Buffer data) {
    int n = data.length();
    if (chunk.length < n) {
      chunk = new byte[Math.max(n, chunk.length * 2)];
    }
    data.getBytes(0, n, chunk, 0);
    int stopped = framer.feed(chunk, 0, n, this);
    if (stopped < n && awaitingAuth) {
      held = Buffer.buffer(Arrays.copyOfRange(chunk, stopped, n));
    }
  }

  @Override
  public boolean line(byte[] b, int from, int to) {
    if (refused) {
      return false;
    }
    Words w = shared.words;
    // Up to the value: a put line's tags are split only when its series is not cached.
    w.split(b, from, to, 4);
    if (!authenticated) {
      w.splitRest();
      return authenticate(w, b, from, to);
    }
    if (w.count() == 0) {
      reject(TelnetMeters.Reason.UNKNOWN_COMMAND, "unknown command ''", b, from, to);
    } else if (w.is(0, PUTM)) {
      put(w, PutParser.Command.PUTM, b, from, to);
    } else if (w.is(0, PUT)) {
      put(w, PutParser.Command.PUT, b, from, to);
    } else if (w.is(0, PUTS)) {
      put(w, PutParser.Command.PUTS, b, from, to);
    } else if (w.is(0, VERSION)) {
      reply(shared.versionReply);
    } else if (!(w.is(0, AUTH) && shared.conf.authRequired())) {
      reject(TelnetMeters.Reason.UNKNOWN_COMMAND, "unknown command '" + w.text(0) + "'", b, from, to);
    }
    return true;
  }

  private void put(Words w, PutParser.Command command, byte[] b, int from, int to) {
    String error;
    try {
      error = shared.parser.parse(w, command, shared.batcher.pending());
    } catch (RuntimeException e) {
      // Parsing does not throw on bad input; should a bug make it, the line is refused and the connection goes on.
      error = "internal error: " + e;
    }
    if (error != null) {
      reject(TelnetMeters.Reason.INVALID, error, b, from, to);
    } else {
      shared.batcher.flushIfFull();
    }
  }

  @Override
  public void tooLong(long length) {
    shared.meters.rejected(TelnetMeters.Reason.TOO_LONG);
    shared.log.warn(() -> "telnet: line of " + length + " bytes dropped, longer than gateway.telnet.max_line ("
      + shared.conf.maxLine() + ") from " + remote);
  }

  private boolean authenticate(Words w, byte[] b, int from, int to) {
    if (w.count() != 2 || !w.is(0, AUTH)) {
      reject(TelnetMeters.Reason.UNAUTHENTICATED, "authentication required", b, from, to);
      refuse("authentication required: send 'auth <token>' first");
      return false;
    }
    Future<Caller> verified = shared.verifier.verify(w.text(1));
    if (verified.isComplete()) {
      return authenticated(verified);
    }
    awaitingAuth = true;
    pause(PAUSE_AUTH);
    Context context = shared.context;
    verified.onComplete(ar -> context.runOnContext(v -> {
      awaitingAuth = false;
      boolean ok = authenticated(ar);
      Buffer rest = held;
      held = null;
      if (ok && rest != null) {
        process(rest);
        shared.batcher.added();
      }
      // Also when refused: the socket must be read to its end for the connection to finish.
      resume(PAUSE_AUTH);
    }));
    return false;
  }

  /** @return true if the token is valid and may write; otherwise the connection is refused */
  private boolean authenticated(AsyncResult<Caller> ar) {
    if (ar.failed()) {
      shared.meters.rejected(TelnetMeters.Reason.UNAUTHENTICATED);
      refuse("authentication failed: " + ar.cause().getMessage());
      return false;
    }
    if (!ar.result().has(Scope.WRITE)) {
      shared.meters.rejected(TelnetMeters.Reason.UNAUTHENTICATED);
      refuse("authentication failed: the token lacks the 'write' scope");
      return false;
    }
    authenticated = true;
    return true;
  }

  private void refuse(String message) {
    shared.log.warn(() -> "telnet: connection from " + remote + " closed: " + message);
    refused = true;
    held = null;
    socket.write("error: " + message + "\n");
    socket.close();
  }

  private void reply(String text) {
    socket.write(text);
    if (socket.writeQueueFull()) {
      // A client that asks without reading must not grow our write queue: stop reading it until it drains.
      pause(PAUSE_WRITE);
      socket.drainHandler(v -> resume(PAUSE_WRITE));
    }
  }

  private void reject(TelnetMeters.Reason reason, String why, byte[] b, int from, int to) {
    shared.meters.rejected(reason);
    shared.log.warn(() -> "telnet: line dropped: " + why + "; line '" + printable(b, from, to) + "' from " + remote);
  }

  /** The socket is closed: lift the write pause, since no drain will come. */
  void onClosed() {
    resume(PAUSE_WRITE);
  }

  /**
   * The end of the stream. Vert.x 5 can deliver it before data it still held for a paused socket (the data follows
   * at once), so this is not final: reading goes on without pauses, and the last flush and the check for an
   * unterminated line wait for the next event-loop turn. Later data, if any, is still read and flushed by the timer.
   */
  void onEnd() {
    ended = true;
    pauseReasons = 0;
    socket.resume();
    shared.context.runOnContext(v -> {
      if (framer.hasPartialLine() && !refused) {
        shared.meters.rejected(TelnetMeters.Reason.INCOMPLETE);
        shared.log.warn(() -> "telnet: unterminated last line dropped at close from " + remote);
      }
      shared.batcher.flush();
    });
  }

  void pause(int reason) {
    if (ended) {
      // What is left of a closed connection is small and bounded: read it.
      return;
    }
    if (pauseReasons == 0) {
      socket.pause();
    }
    pauseReasons |= reason;
  }

  void resume(int reason) {
    if (pauseReasons == 0) {
      return;
    }
    pauseReasons &= ~reason;
    if (pauseReasons == 0) {
      socket.resume();
    }
  }

  /** The line for a log: ISO-8859-1, control characters as {@code ?}, at most 200 characters. */
  private static String printable(byte[] b, int from, int to) {
    int n = Math.min(to - from, LOGGED_LINE_CHARS);
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      int c = b[from + i] & 0xff;
      out[i] = c < 0x20 || c == 0x7f ? '?' : (char) c;
    }
    return to - from > n ? new String(out) + "..." : new String(out);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}

package io.raftmetrics.gateway.telnet;

import io.raftmetrics.gateway.auth.TokenVerifier;
import io.raftmetrics.gateway.http.IngestSubmitter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * KairosDB's telnet ingest protocol ({@code put}, {@code putm}, {@code puts}, {@code version}) on a Vert.x
 * {@link NetServer} owned by a gateway verticle instance. Points go to the cluster in batches through the same
 * {@link IngestSubmitter} as HTTP ingest; nothing is ever answered except {@code version}, so points whose batch the
 * cluster refuses are lost (counted and logged). See {@code docs/telnet.md}.
 *
 * <p>Create and {@link #start()} it on the verticle's context and {@link #stop()} it from the verticle's
 * {@code stop()}: all its connections, its batching and its timers then run on that one event loop. Several gateway
 * instances share the port, each with its own connections and batches.
 */
public final class TelnetServer {

  private static final Logger LOG = LoggerFactory.getLogger(TelnetServer.class);
  private static final long LOG_INTERVAL_MS = 10_000;

  private final Vertx vertx;
  private final TelnetConfig conf;
  private final IngestSubmitter submitter;
  private final TokenVerifier verifier;
  private final Set<TelnetConnection> connections = new LinkedHashSet<>();
  private NetServer server;
  private Shared shared;

  /** What every connection of this server uses; all of it is confined to the server's event loop. */
  static final class Shared {
    final TelnetConfig conf;
    final Context context;
    final Words words = new Words();
    final PutParser parser;
    final TelnetBatcher batcher;
    final TelnetMeters meters;
    final RateLimitedLog log;
    final TokenVerifier verifier;
    final String versionReply;

    private Shared(TelnetConfig conf, Context context, PutParser parser, TelnetBatcher batcher, TelnetMeters meters,
                   RateLimitedLog log, TokenVerifier verifier) {
      this.conf = conf;
      this.context = context;
      this.parser = parser;
      this.batcher = batcher;
      this.meters = meters;
      this.log = log;
      this.verifier = verifier;
      // KairosDB answers "<implementation title> <version>\n"; our gateway's kairos_version holds both.
      this.versionReply = conf.kairosVersion() + "\n";
    }
  }

  private TelnetServer(Vertx vertx, TelnetConfig conf, IngestSubmitter submitter, TokenVerifier verifier) {
    this.vertx = vertx;
    this.conf = conf;
    this.submitter = submitter;
    this.verifier = verifier;
  }

  /**
   * @param submitter where batches go (the gateway's, over its {@link io.raftmetrics.gateway.http.Bus})
   * @param verifier the gateway's token verifier; used only with {@code auth_token_required}
   */
  public static TelnetServer create(Vertx vertx, TelnetConfig conf, IngestSubmitter submitter,
                                    TokenVerifier verifier) {
    return new TelnetServer(vertx, conf, submitter, verifier);
  }

  /**
   * Listens when {@code enabled}; otherwise does nothing.
   *
   * @return completes once the port is bound (the readiness of the telnet side), or fails naming the problem
   */
  public Future<Void> start() {
    if (!conf.enabled()) {
      return Future.succeededFuture();
    }
    if (conf.authRequired() && (verifier == null || verifier.isEmpty())) {
      return Future.failedFuture("gateway.telnet.auth_token_required: no token or JWT key is configured in"
        + " gateway.auth, every connection would be refused");
    }
    Context context = vertx.getOrCreateContext();
    TelnetMeters meters = new TelnetMeters();
    RateLimitedLog log = new RateLimitedLog(LOG, LOG_INTERVAL_MS);
    TelnetBatcher batcher = new TelnetBatcher(vertx, conf, submitter, meters, log, new TelnetBatcher.Pressure() {
      @Override
      public void pause() {
        connections.forEach(c -> c.pause(TelnetConnection.PAUSE_PRESSURE));
      }

      @Override
      public void resume() {
        new ArrayList<>(connections).forEach(c -> c.resume(TelnetConnection.PAUSE_PRESSURE));
      }
    });
    PutParser parser = new PutParser(new SeriesCache(conf.seriesCacheSize()), conf.shards(),
      conf.limits().maxTagsPerMetric(), conf.limits().maxNameLength());
    shared = new Shared(conf, context, parser, batcher, meters, log, verifier);
    server = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true).setTcpKeepAlive(true)
      .setReuseAddress(true));
    server.connectHandler(this::connected);
    return server.listen(conf.port(), conf.host())
      .onSuccess(s -> LOG.info("telnet listening on {}:{}{}", conf.host(), s.actualPort(),
        conf.authRequired() ? " (auth required)" : ""))
      .recover(err -> Future.failedFuture("gateway.telnet: cannot listen on " + conf.host() + ":" + conf.port()
        + ": " + err.getMessage()))
      .mapEmpty();
  }

  private void connected(NetSocket socket) {
    TelnetConnection c = new TelnetConnection(socket, shared);
    connections.add(c);
    shared.meters.connection();
    if (shared.batcher.paused()) {
      c.pause(TelnetConnection.PAUSE_PRESSURE);
    }
    socket.handler(c::onData);
    socket.exceptionHandler(err -> LOG.debug("telnet connection {}: {}", socket.remoteAddress(), err.toString()));
    socket.closeHandler(v -> c.onClosed());
    // The end comes after every queued byte, so a connection closed while paused is still read to its end.
    socket.endHandler(v -> {
      connections.remove(c);
      c.onEnd();
    });
  }

  /**
   * Closes the port and every connection, sends what is pending, and completes once no batch awaits its answer
   * (each is bounded by the gateway's {@code request_timeout_ms}).
   */
  public Future<Void> stop() {
    if (server == null) {
      return Future.succeededFuture();
    }
    NetServer s = server;
    server = null;
    return s.close().eventually(() -> shared.batcher.drain());
  }

  /** @return true while connections are not read because too many batches await their answer (event loop only) */
  boolean readingPaused() {
    return shared != null && shared.batcher.paused();
  }

  /** @return batches submitted and not yet answered (event loop only) */
  int batchesInFlight() {
    return shared == null ? 0 : shared.batcher.inFlight();
  }

  /** @return the bound port (useful with port 0), or -1 when not listening */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}

package io.raftmetrics.gateway.telnet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.Codecs;

import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.api.ingest.IngestBatch;

import io.raftmetrics.gateway.GatewayConfig;
import io.raftmetrics.gateway.auth.TokenVerifier;
import io.raftmetrics.gateway.http.Bus;
import io.raftmetrics.gateway.http.IngestSubmitter;
import io.raftmetrics.gateway.ingest.DecodedPoint;
import io.raftmetrics.testkit.Ports;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A telnet server hosted by a verticle as the gateway hosts it, on loopback, with a real event bus. The raft role is
 * replaced by a consumer of {@link Addresses#INGEST_WRITE} registered here: a real peer that decodes each
 * {@link IngestBatch} and answers with an {@link IngestAck} (or holds or fails its answers when a test asks), so the
 * tests see exactly what the gateway would submit.
 */
final class TelnetHarness implements AutoCloseable {

  static final String TOKEN_RW = "telnet-rw-token";
  static final String TOKEN_RO = "telnet-ro-token";
  /** Safety net for blocking reads and waits; a test never relies on it to pass. */
  static final int GIVE_UP_MS = 30_000;

  /** A point as a batch carried it. */

  /** What the stand-in for the raft role does with each batch. */
  enum Answer { ACK, HOLD, FAIL }

  final Vertx vertx;
  final int port;
  final List<DecodedPoint> points = new CopyOnWriteArrayList<>();
  final List<IngestBatch> batches = new CopyOnWriteArrayList<>();
  final List<Message<Object>> held = new CopyOnWriteArrayList<>();
  volatile Answer answer = Answer.ACK;
  private final Host host;

  /** The verticle that owns the telnet server, as {@code GatewayVerticle} does. */
  static final class Host extends VerticleBase {
    volatile TelnetServer server;

    @Override
    public Future<?> start() {
      GatewayConfig gw = GatewayConfig.from(config());
      TelnetConfig conf = TelnetConfig.from(config(), gw);
      TokenVerifier verifier = TokenVerifier.create(vertx, gw.auth());
      server = TelnetServer.create(vertx, conf, new IngestSubmitter(new Bus(vertx.eventBus(), gw.requestTimeoutMs())),
        verifier);
      return server.start();
    }

    @Override
    public Future<?> stop() {
      return server.stop();
    }

    /** Runs on this verticle's event loop, where the server lives. */
    <T> Future<T> call(Supplier<T> call) {
      Promise<T> p = Promise.promise();
      context.runOnContext(v -> p.complete(call.get()));
      return p.future();
    }
  }

  private TelnetHarness(Vertx vertx, int port, Host host) {
    this.vertx = vertx;
    this.port = port;
    this.host = host;
  }

  /** The gateway section of a test: loopback, one shard, a read-write and a read-only token. */
  static JsonObject gatewayConfig(JsonObject telnet) {
    int port = Ports.free();
    return new JsonObject().put("host", "127.0.0.1").put("port", Ports.free()).put("shards", 1)
      .put("request_timeout_ms", GIVE_UP_MS)
      .put("auth", new JsonObject().put("tokens", new JsonArray()
        .add(new JsonObject().put("name", "rw").put("token", TOKEN_RW).put("scopes", new JsonArray().add("write")))
        .add(new JsonObject().put("name", "ro").put("token", TOKEN_RO).put("scopes", new JsonArray().add("read")))))
      .put("telnet", new JsonObject().put("enabled", true).put("port", port).mergeIn(telnet));
  }

  static TelnetHarness start(JsonObject telnet) throws Exception {
    return startGateway(gatewayConfig(telnet));
  }

  static TelnetHarness startGateway(JsonObject gateway) throws Exception {
    Vertx vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
      .setEnabled(true).setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)))).build();
    Codecs.registerAll(vertx.eventBus());
    Host host = new Host();
    TelnetHarness h = new TelnetHarness(vertx, gateway.getJsonObject("telnet").getInteger("port"), host);
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(Addresses.INGEST_WRITE, h::onBatch);
    consumer.completion().await(GIVE_UP_MS, TimeUnit.MILLISECONDS);
    vertx.deployVerticle(host, new DeploymentOptions().setConfig(gateway)).await(GIVE_UP_MS, TimeUnit.MILLISECONDS);
    return h;
  }

  private void onBatch(Message<Object> msg) {
    IngestBatch batch = (IngestBatch) msg.body();
    switch (answer) {
      case FAIL:
        batches.add(batch);
        msg.fail(503, "raft: no leader for shard " + batch.shard());
        return;
      case HOLD:
        batches.add(batch);
        held.add(msg);
        return;
      default:
        accept(msg);
    }
  }

  private void accept(Message<Object> msg) {
    IngestBatch batch = (IngestBatch) msg.body();
    List<DecodedPoint> decoded = decode(batch);
    points.addAll(decoded);
    if (!batches.contains(batch)) {
      batches.add(batch);
    }
    msg.reply(new IngestAck(batch.shard(), batches.size(), batch.pointCount(), false));
  }

  /** Answers every held batch with an acknowledgement (on the event loop). */
  void releaseHeld() {
    List<Message<Object>> all = new ArrayList<>(held);
    held.clear();
    host.call(() -> {
      all.forEach(this::accept);
      return null;
    }).await();
  }

  static List<DecodedPoint> decode(IngestBatch batch) {
    return DecodedPoint.decode(List.of(batch));
  }

  TelnetServer server() {
    return host.server;
  }

  Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), GIVE_UP_MS);
    s.setSoTimeout(GIVE_UP_MS);
    s.setTcpNoDelay(true);
    return s;
  }

  /** Sends the text as ISO-8859-1 bytes, the telnet charset. */
  static void send(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
  }

  /** Reads one line (with its {@code \n}) as ISO-8859-1. */
  static String readLine(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      out.write(b);
      if (b == '\n') {
        break;
      }
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads until the server closes the connection. */
  static String readToEnd(Socket s) throws IOException {
    return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  /** Waits (polling) until the condition holds; fails after {@link #GIVE_UP_MS}. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    await(what, condition, () -> "");
  }

  /** As {@link #await(String, BooleanSupplier)}, with a description of the state when giving up. */
  static void await(String what, BooleanSupplier condition, Callable<String> state) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GIVE_UP_MS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        String s;
        try {
          s = state.call();
        } catch (Exception e) {
          s = e.toString();
        }
        throw new AssertionError("gave up waiting for: " + what + (s.isEmpty() ? "" : " (" + s + ")"));
      }
      Thread.sleep(5);
    }
  }

  void awaitPoints(int n) throws InterruptedException {
    await(n + " points", () -> points.size() >= n);
  }

  /** Waits for {@code n} points of the metric and returns them. */
  List<DecodedPoint> awaitMetric(String metric, int n) throws InterruptedException {
    await(n + " points of " + metric, () -> points.stream().filter(p -> p.metric().equals(metric)).count() >= n);
    return points.stream().filter(p -> p.metric().equals(metric)).toList();
  }

  /** @return the current count of a counter in Vert.x's default registry, 0 if absent */
  static double counter(String name, String... tags) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    Counter c = registry == null ? null : registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  /** Runs on the server's event loop and returns its result (the server is confined to it). */
  <T> T onServer(Supplier<T> call) throws Exception {
    return host.call(call).await(GIVE_UP_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(GIVE_UP_MS, TimeUnit.MILLISECONDS);
  }
}

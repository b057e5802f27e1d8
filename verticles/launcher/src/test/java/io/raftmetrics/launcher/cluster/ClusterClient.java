package io.raftmetrics.launcher.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * HTTP calls of the cluster tests: the product's public API through a node's gateway, and its management endpoint.
 * Blocking calls on the test's threads, each with a timeout longer than the gateway's own (15 s), so that a hang
 * would show as a failed assertion rather than a stuck test.
 */
final class ClusterClient {

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The outcome of a request: its status, or -1 when the connection failed; and the body. */
  record Answer(int status, String body) {
  }

  Answer get(ClusterFixture.Node node, String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(node.http() + pathAndQuery)).GET());
  }

  Answer post(ClusterFixture.Node node, String path, String body, String idempotencyKey) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.http() + path))
      .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    return send(b);
  }

  Answer delete(ClusterFixture.Node node, String path) {
    return send(HttpRequest.newBuilder(URI.create(node.http() + path)).DELETE());
  }

  private Answer send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = http.send(b.header("Authorization", "Bearer " + ClusterFixture.TOKEN)
        .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Answer(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, e.toString());
    }
  }

  /** The node's own report from its management port, or null if it does not answer. */
  JsonObject health(ClusterFixture.Node node) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.management() + "/health"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return new JsonObject(r.body());
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** One shard's status as a worker reports it ({@code raft_status.shards[shard]}), or null. */
  JsonObject shardStatus(ClusterFixture.Node worker, int shard) {
    JsonObject h = health(worker);
    JsonObject raft = h == null ? null : h.getJsonObject("raft_status");
    return raft == null ? null : raft.getJsonArray("shards").getJsonObject(shard);
  }

  /** The worker that is leader of a shard by its own report, among those given, or null. */
  ClusterFixture.Node leaderOf(int shard, List<ClusterFixture.Node> candidates) {
    for (ClusterFixture.Node n : candidates) {
      if (!n.alive()) {
        continue;
      }
      JsonObject s = shardStatus(n, shard);
      if (s != null && "LEADER".equals(s.getString("role"))) {
        return n;
      }
    }
    return null;
  }

  /**
   * Count and sum per 1-second window of a metric, as the replica behind {@code node}'s gateway answers (its own
   * JVM's replica); empty if the metric is unknown there.
   *
   * @param t0 the windows' keys are {@code (start - t0) / 1000}
   */
  Map<Long, long[]> windows(ClusterFixture.Node node, String metric, long t0, boolean linearizable) {
    String path = "/aggregate?metric=" + metric + "&window=1s&agg=count,sum"
      + (linearizable ? "&consistency=linearizable" : "");
    Answer a = get(node, path);
    // a linearizable read needs the group's leader: right after a change of leader (the restarts of these tests, and
    // the hand-over to a preferred leader) it can time out once; what these reads check is the data, so ask again
    for (int attempt = 1; linearizable && (a.status() == 503 || a.status() == 504) && attempt < 3; attempt++) {
      a = get(node, path);
    }
    TreeMap<Long, long[]> out = new TreeMap<>();
    if (a.status() == 404) {
      return out;
    }
    if (a.status() != 200) {
      throw new AssertionError(node.id + ": /aggregate of " + metric + " answered " + a.status() + " " + a.body());
    }
    JsonArray windows = new JsonObject(a.body()).getJsonArray("windows");
    for (Object o : windows) {
      JsonObject w = (JsonObject) o;
      long start = Instant.parse(w.getString("start")).toEpochMilli();
      out.put((start - t0) / 1000, new long[] {w.getLong("count"), Math.round(w.getDouble("sum"))});
    }
    return out;
  }

  /** Polls until the condition holds, at most {@code timeout}: the bounded waits of these tests. */
  static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(200);
    }
  }
}

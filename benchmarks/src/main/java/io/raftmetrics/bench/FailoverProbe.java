package io.raftmetrics.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Measures how long writes stop when the leader of a shard is killed with {@code kill -9}, on a cluster started by
 * {@code scripts/cluster.sh}. Open-loop probe: a small write through the gateway every {@code --interval-ms}, each
 * on its own (a request lost with the killed node does not hold the next ones back). For each of {@code --kills}
 * rounds: wait until the cluster is steady, find the leader of the probed shard from the nodes' management
 * endpoints, kill it, record (a) the time from the kill to the first acknowledged write sent after it and (b) the
 * longest time without any acknowledgement, then restart the node with {@code --restart} and wait until it caught up.
 *
 * <pre>
 * --url=http://127.0.0.21:8080 --token=... --cluster-dir=data/cluster --kills=10 --shard=0
 * --nodes=w1@http://127.0.0.11:9090,w2@http://127.0.0.12:9090,w3@http://127.0.0.13:9090
 * --restart="scripts/cluster.sh start-node"
 * </pre>
 */
public final class FailoverProbe {

  record Probe(long sentMs, long endMs, int status) {
  }

  private final Vertx vertx = Vertx.vertx();
  private final WebClient client;
  private final WebClient mgmt;
  private final String token;
  private final Map<String, URI> nodes = new LinkedHashMap<>();
  private final int shard;
  private String metric;

  private FailoverProbe(Args a) {
    URI url = URI.create(a.get("url", "http://127.0.0.21:8080"));
    this.token = a.get("token", "local-dev-token-123");
    this.shard = a.integer("shard", 0);
    // a request lost with the killed node holds its connection until the gateway's timeout: a pool large enough
    // that the probes sent meanwhile never wait for one
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(url.getHost())
      .setDefaultPort(url.getPort()), new PoolOptions().setHttp1MaxSize(1024));
    this.mgmt = WebClient.create(vertx);
    for (String n : a.get("nodes", "").split(",")) {
      nodes.put(n.substring(0, n.indexOf('@')), URI.create(n.substring(n.indexOf('@') + 1)));
    }
  }

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    FailoverProbe p = new FailoverProbe(a);
    int kills = a.integer("kills", 10);
    long interval = a.longValue("interval-ms", 20);
    Path pids = Path.of(a.get("cluster-dir", "data/cluster"));
    String restart = a.get("restart", "scripts/cluster.sh start-node");
    p.metric = p.metricOfShard();
    List<Long> resumes = new ArrayList<>();
    List<Long> gaps = new ArrayList<>();
    for (int k = 1; k <= kills; k++) {
      String leader = p.awaitSteady();
      ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();
      long timer = p.vertx.setPeriodic(interval, id -> p.probe(probes));
      Thread.sleep(2000);
      long pid = Long.parseLong(Files.readString(pids.resolve(leader + ".pid")).trim());
      long killedAt = System.currentTimeMillis();
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      long deadline = killedAt + 60_000;
      while (firstAckAfter(probes, killedAt) < 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(3000);
      p.vertx.cancelTimer(timer);
      Thread.sleep(500);
      long resume = firstAckAfter(probes, killedAt) - killedAt;
      long gap = longestGap(probes, killedAt);
      long failed = probes.stream().filter(x -> x.status() != 201).count();
      Map<Integer, Long> statuses = new java.util.TreeMap<>();
      probes.stream().filter(x -> x.status() != 201)
        .forEach(x -> statuses.merge(x.status(), 1L, Long::sum));
      resumes.add(resume);
      gaps.add(gap);
      System.out.printf("kill %2d: %s (leader of shard %d) -> first write sent after the kill acknowledged after %5d ms;"
        + " longest time without an acknowledgement %5d ms; %d of %d probes failed %s%n", k, leader, p.shard, resume,
        gap, failed, probes.size(), statuses.isEmpty() ? "" : statuses);
      System.out.printf("         killed at %tT.%<tL%n", killedAt);
      Process r = new ProcessBuilder((restart + " " + leader).split(" ")).inheritIO().start();
      if (!r.waitFor(5, TimeUnit.MINUTES) || r.exitValue() != 0) {
        throw new IllegalStateException("restart of " + leader + " failed");
      }
    }
    System.out.println("resume ms (sorted): " + sorted(resumes) + "; longest pause ms (sorted): " + sorted(gaps));
    p.vertx.close().await(10, TimeUnit.SECONDS);
    System.exit(0);
  }

  private void probe(ConcurrentLinkedQueue<Probe> probes) {
    long sent = System.currentTimeMillis();
    String body = new JsonObject().put("metric_name", metric).put("value", sent).put("timestamp", sent).encode();
    client.post("/metrics").putHeader("Authorization", "Bearer " + token).timeout(30_000)
      .sendBuffer(Buffer.buffer(body))
      .onComplete(ar -> probes.add(new Probe(sent, System.currentTimeMillis(),
        ar.succeeded() ? ar.result().statusCode() : -1)));
  }

  /** A metric name of the probed shard: the simple API's answer says which shard a write went to. */
  private String metricOfShard() throws Exception {
    for (int i = 0; i < 1000; i++) {
      String name = "failover.probe" + i;
      HttpResponse<Buffer> r = client.post("/metrics").putHeader("Authorization", "Bearer " + token)
        .sendBuffer(Buffer.buffer(new JsonObject().put("metric_name", name).put("value", 0).encode()))
        .await(60, TimeUnit.SECONDS);
      if (r.statusCode() == 201 && r.bodyAsJsonObject().getInteger("shard") == shard) {
        return name;
      }
    }
    throw new IllegalStateException("no metric name of shard " + shard + " found");
  }

  /** Waits until every node is ready and applied what its shard's leader committed; returns that leader. */
  private String awaitSteady() throws Exception {
    long deadline = System.currentTimeMillis() + 300_000;
    while (System.currentTimeMillis() < deadline) {
      String leader = null;
      long commit = -1;
      long minApplied = Long.MAX_VALUE;
      boolean allUp = true;
      for (Map.Entry<String, URI> n : nodes.entrySet()) {
        JsonObject s = shardStatus(n.getValue());
        if (s == null) {
          allUp = false;
          break;
        }
        if ("LEADER".equals(s.getString("role"))) {
          leader = n.getKey();
          commit = s.getLong("commit_index");
        }
        minApplied = Math.min(minApplied, s.getLong("applied_index"));
      }
      if (allUp && leader != null && minApplied >= commit - 2) {
        Thread.sleep(3000);
        // leadership may move back to the shard's preferred leader once it is up to date: settle first
        return leaderNow(leader);
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the cluster did not settle");
  }

  private String leaderNow(String fallback) {
    for (Map.Entry<String, URI> n : nodes.entrySet()) {
      JsonObject s = shardStatus(n.getValue());
      if (s != null && "LEADER".equals(s.getString("role"))) {
        return n.getKey();
      }
    }
    return fallback;
  }

  private JsonObject shardStatus(URI node) {
    try {
      HttpResponse<Buffer> r = mgmt.get(node.getPort(), node.getHost(), "/health").timeout(5000).send()
        .await(10, TimeUnit.SECONDS);
      if (r.statusCode() != 200) {
        return null;
      }
      return r.bodyAsJsonObject().getJsonObject("raft_status").getJsonArray("shards").getJsonObject(shard);
    } catch (Exception e) {
      // not listening (killed, restarting) or not answering in time
      return null;
    }
  }

  private static long firstAckAfter(ConcurrentLinkedQueue<Probe> probes, long ms) {
    return probes.stream().filter(p -> p.status() == 201 && p.sentMs() >= ms).mapToLong(Probe::endMs).min()
      .orElse(-1);
  }

  /** The longest time, from the kill on, between two acknowledgements (or the kill and the first one). */
  private static long longestGap(ConcurrentLinkedQueue<Probe> probes, long killedAt) {
    List<Long> acks = probes.stream().filter(p -> p.status() == 201 && p.endMs() >= killedAt).map(Probe::endMs)
      .sorted().toList();
    long previous = killedAt;
    long longest = 0;
    for (long t : acks) {
      longest = Math.max(longest, t - previous);
      previous = t;
    }
    return longest;
  }

  private static List<Long> sorted(List<Long> values) {
    return values.stream().sorted().toList();
  }
}

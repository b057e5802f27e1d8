package io.raftmetrics.launcher.cluster;

import io.raftmetrics.api.Sharding;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writers that ingest through one gateway until stopped. Request {@code i} writes {@link #POINTS} long points of
 * value {@code i} to each of two metrics (chosen in different shards), at {@code t0 + i s + j ms}: a 1-second window
 * of its own, so that a lost request shows as a missing window, a partly applied one as a count other than POINTS,
 * and a stray value as a wrong sum. A failed request is retried with the same {@code Idempotency-Key} (hence the same
 * batch ids) a few times, as a client would after a timeout; every attempt is recorded.
 */
final class ContinuousIngest {

  static final int POINTS = 200;
  private static final int ATTEMPTS = 3;

  /** One HTTP attempt: when it started and ended (epoch ms) and its status (-1: connection failed). */
  record Attempt(int request, long startMs, long endMs, int status) {
  }

  private final ClusterClient client;
  private final ClusterFixture.Node gateway;
  private final String metricA;
  private final String metricB;
  private final long t0;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Set<Integer> acked = new ConcurrentSkipListSet<>();
  private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
  private final List<Thread> threads = new ArrayList<>();

  ContinuousIngest(ClusterClient client, ClusterFixture.Node gateway, String metricA, String metricB, long t0) {
    this.client = client;
    this.gateway = gateway;
    this.metricA = metricA;
    this.metricB = metricB;
    this.t0 = t0;
  }

  void start(int writers) {
    for (int w = 0; w < writers; w++) {
      Thread t = new Thread(this::run, "ingest-" + w);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /** Stops taking new requests and waits for the ones in flight. */
  void stop() throws InterruptedException {
    stopped.set(true);
    for (Thread t : threads) {
      t.join(120_000);
    }
  }

  private void run() {
    while (!stopped.get()) {
      int i = next.getAndIncrement();
      String body = body(i);
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        long start = System.currentTimeMillis();
        ClusterClient.Answer a = client.post(gateway, "/api/v1/datapoints", body, "continuous-" + i);
        attempts.add(new Attempt(i, start, System.currentTimeMillis(), a.status()));
        if (a.status() == 204) {
          acked.add(i);
          break;
        }
      }
    }
  }

  String body(int i) {
    return "[" + metric(metricA, t0, i) + "," + metric(metricB, t0, i) + "]";
  }

  /** Two metric names of different shards, so that a request writing both goes to two Raft groups. */
  static String[] metricsInBothShards(String prefix, int shards) {
    String a = prefix + ".a";
    int i = 0;
    String b;
    do {
      b = prefix + ".b" + i++;
    } while (Sharding.shardOf(b, shards) == Sharding.shardOf(a, shards));
    return new String[] {a, b};
  }

  /** The KairosDB metric object of request {@code i} for one metric. */
  static String metric(String name, long t0, int i) {
    StringBuilder sb = new StringBuilder("{\"name\":\"").append(name).append("\",\"tags\":{\"host\":\"h")
      .append(i % 3).append("\"},\"datapoints\":[");
    for (int j = 0; j < POINTS; j++) {
      sb.append(j == 0 ? "" : ",").append('[').append(t0 + i * 1000L + j).append(',').append(i).append(']');
    }
    return sb.append("]}").toString();
  }

  /** @return request numbers handed out so far (every request is below it) */
  int sent() {
    return next.get();
  }

  Set<Integer> acked() {
    return Set.copyOf(acked);
  }

  List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  /** @return acknowledged attempts that started at or after {@code ms} */
  long ackedStartedSince(long ms) {
    return attempts.stream().filter(a -> a.status() == 204 && a.startMs() >= ms).count();
  }

  /** @return the end of the first acknowledged attempt started at or after {@code ms}, or -1 */
  long firstAckEndSince(long ms) {
    return attempts.stream().filter(a -> a.status() == 204 && a.startMs() >= ms).mapToLong(Attempt::endMs).min()
      .orElse(-1);
  }
}

package io.raftmetrics.gateway.ingest;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Manual benchmark of {@link KairosIngestParser} on the reference body (100 metrics of 100 points, longs and doubles,
 * two tags), single-threaded. Not a test: run it with
 * {@code java -cp <test classpath> io.raftmetrics.gateway.ingest.KairosIngestBenchmark [seconds]}.
 */
public final class KairosIngestBenchmark {

  private KairosIngestBenchmark() {
  }

  public static void main(String[] args) {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    byte[] body = body(100, 100).getBytes(StandardCharsets.UTF_8);
    KairosIngestParser parser = new KairosIngestParser(IngestLimits.DEFAULTS);
    System.out.printf("body: %d bytes, %d points%n", body.length, 100 * 100);
    long sink = 0;
    long end = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < end) {
      sink += parser.parse(body, 4, UUID::randomUUID, 0L).acceptedPoints();
    }
    long points = 0;
    long start = System.nanoTime();
    end = start + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      KairosIngestResult r = parser.parse(body, 4, UUID::randomUUID, 0L);
      points += r.acceptedPoints();
      sink += r.batches().size();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("%.0f points/s, %.0f ns/point (sink %d)%n", points / elapsed, elapsed * 1e9 / points, sink);
  }

  /** A body in the shape metrics agents send: one object per series, a timestamp and a value per point. */
  static String body(int metrics, int pointsPerMetric) {
    StringBuilder sb = new StringBuilder("[");
    long t0 = 1_700_000_000_000L;
    for (int m = 0; m < metrics; m++) {
      sb.append(m == 0 ? "" : ",").append("{\"name\":\"bench.metric.").append(m % 10)
        .append("\",\"tags\":{\"host\":\"host-").append(m).append("\",\"dc\":\"eu-west-1\"},\"datapoints\":[");
      for (int p = 0; p < pointsPerMetric; p++) {
        sb.append(p == 0 ? "" : ",").append('[').append(t0 + p * 10_000L).append(',');
        if (m % 2 == 0) {
          sb.append(p * 7 % 1000);
        } else {
          sb.append(p * 7 % 1000).append('.').append(p % 100);
        }
        sb.append(']');
      }
      sb.append("]}");
    }
    return sb.append(']').toString();
  }
}

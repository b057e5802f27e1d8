package io.raftmetrics.query.kairos;

import io.raftmetrics.api.kairos.KairosMetricQuery;
import io.raftmetrics.gateway.kairos.KairosQueryParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The query engine alone (no HTTP, no event bus) on the scenarios of {@code docs/benchmarks-kairos-query.md}, to
 * see where the time goes: a {@code main}, run by hand.
 */
public final class KairosEngineBenchmark {

  private static final long T0 = 1_700_006_400_000L;

  private KairosEngineBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("kairos-engine-bench");
    try (FixtureReplica node = new FixtureReplica(dir)) {
      for (String type : new String[] {"long", "double"}) {
        load(node, "day." + type, 20, 8640, type);
        load(node, "hour." + type, 1000, 360, type);
      }
      KairosQueryParser parser = new KairosQueryParser();
      for (String type : new String[] {"long", "double"}) {
        for (boolean push : new boolean[] {true, false}) {
          time(node, parser, "day avg 1 min " + type + (push ? "" : " streamed"), "{\"start_absolute\":" + T0
            + ",\"end_absolute\":" + (T0 + 86_400_000L - 1) + ",\"metrics\":[{\"name\":\"day." + type + "\",\"tags\":"
            + "{\"sel\":\"yes\"},\"aggregators\":[{\"name\":\"avg\",\"sampling\":{\"value\":1,\"unit\":\"minutes\"}}]}]}",
            push);
          time(node, parser, "hour group_by rack sum 5 min " + type + (push ? "" : " streamed"), "{\"start_absolute\":"
            + T0 + ",\"end_absolute\":" + (T0 + 3_600_000L - 1) + ",\"metrics\":[{\"name\":\"hour." + type + "\","
            + "\"group_by\":[{\"name\":\"tag\",\"tags\":[\"rack\"]}],\"aggregators\":[{\"name\":\"sum\",\"sampling\":"
            + "{\"value\":5,\"unit\":\"minutes\"}}]}]}", push);
        }
      }
    }
  }

  private static void load(FixtureReplica node, String metric, int series, int points, String type) {
    for (int s0 = 0; s0 < series; s0 += Math.max(1, 50_000 / points)) {
      StringBuilder body = new StringBuilder("[");
      for (int s = s0; s < Math.min(series, s0 + Math.max(1, 50_000 / points)); s++) {
        body.append(s == s0 ? "" : ",").append("{\"name\":\"").append(metric).append("\",\"tags\":{\"host\":\"h")
          .append(s).append("\",\"sel\":\"").append(s % 2 == 0 ? "yes" : "no").append("\",\"rack\":\"r")
          .append(s % 10).append("\"},\"datapoints\":[");
        for (int i = 0; i < points; i++) {
          long v = (i * 37L + s * 11L) % 1000;
          body.append(i == 0 ? "[" : ",[").append(T0 + i * 10_000L).append(',')
            .append(type.equals("long") ? Long.toString(v) : (v / 8.0) + "").append(']');
        }
        body.append("]}");
      }
      node.ingest(body.append(']').toString());
    }
  }

  private static void time(FixtureReplica node, KairosQueryParser parser, String name, String json, boolean push)
    throws Exception {
    KairosMetricQuery q = parser.parse(json, 0).get(0);
    long[] nanos = new long[100];
    for (int i = -20; i < nanos.length; i++) {
      long t = System.nanoTime();
      node.reader.read(r -> KairosQueryEngine.run(r, q, new QueryBudget(50_000_000, 60_000), 0, push));
      if (i >= 0) {
        nanos[i] = System.nanoTime() - t;
      }
    }
    Arrays.sort(nanos);
    System.out.printf("%-45s p50 %6.1f ms  p99 %6.1f ms%n", name, nanos[50] / 1e6, nanos[98] / 1e6);
  }
}

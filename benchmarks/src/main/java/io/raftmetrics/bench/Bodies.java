package io.raftmetrics.bench;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Request bodies of the ingest benchmark. The series are split into blocks of {@code metrics} series; request k
 * carries block k mod blocks, and each block's points move forward in time with every request, 1 s apart, so the
 * server never overwrites a point. Values follow a sawtooth and alternate long and double, as real gauges do.
 */
final class Bodies {

  record Body(Buffer json, int points) {
  }

  private final String prefix;
  private final int metrics;
  private final int points;
  private final long t0;
  private final int blocks;
  private final long[] rounds;
  private final String[] seriesHeads;
  private long next;

  Bodies(String prefix, int series, int metrics, int points, long t0) {
    this.prefix = prefix;
    this.metrics = metrics;
    this.points = points;
    this.t0 = t0;
    this.blocks = Math.max(1, series / metrics);
    this.rounds = new long[blocks];
    this.seriesHeads = new String[blocks * metrics];
    for (int s = 0; s < seriesHeads.length; s++) {
      // 10 metric names; 3 tags whose combinations make each series of a name distinct
      String name = prefix + (s % 10);
      int combo = s / 10;
      seriesHeads[s] = "{\"name\":\"" + name + "\",\"tags\":{\"host\":\"h" + (combo % 25) + "\",\"dc\":\"dc"
        + (combo / 25 % 4) + "\",\"rack\":\"r" + (combo / 100) + "\"},\"datapoints\":[";
    }
  }

  List<String> metricNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < Math.min(10, seriesHeads.length); i++) {
      names.add(prefix + i);
    }
    return names;
  }

  /** Called from one thread (the load generator's event loop). */
  Body next() {
    int block = (int) (next++ % blocks);
    long round = rounds[block]++;
    StringBuilder sb = new StringBuilder(metrics * (60 + points * 24));
    sb.append('[');
    for (int m = 0; m < metrics; m++) {
      if (m > 0) {
        sb.append(',');
      }
      sb.append(seriesHeads[block * metrics + m]);
      long base = t0 + round * points * 1000L;
      for (int j = 0; j < points; j++) {
        if (j > 0) {
          sb.append(',');
        }
        sb.append('[').append(base + j * 1000L).append(',');
        long v = (round * points + j) % 1000;
        if ((j & 1) == 0) {
          sb.append(v);
        } else {
          sb.append(v).append(".5");
        }
        sb.append(']');
      }
      sb.append("]}");
    }
    sb.append(']');
    return new Body(Buffer.buffer(sb.toString().getBytes(StandardCharsets.UTF_8)), metrics * points);
  }
}

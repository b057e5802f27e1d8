package io.raftmetrics.bench;

import java.util.Arrays;

/** Request latencies in microseconds, reported as percentiles. Single writer (the event loop). */
final class Latencies {

  private long[] micros = new long[1 << 16];
  private int n;

  void add(long us) {
    if (n == micros.length) {
      micros = Arrays.copyOf(micros, n * 2);
    }
    micros[n++] = us;
  }

  int count() {
    return n;
  }

  /** @return the q-quantile in milliseconds (nearest rank) */
  double percentileMs(double q) {
    if (n == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(micros, n);
    Arrays.sort(sorted);
    int idx = (int) Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
    return sorted[idx] / 1000.0;
  }
}

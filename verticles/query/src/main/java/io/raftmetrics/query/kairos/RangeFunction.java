package io.raftmetrics.query.kairos;

import java.util.Arrays;

/**
 * What a range aggregator computes over the points of one range, with KairosDB's arithmetic (sequential double
 * sums in point order, its standard-deviation recurrence, its percentile interpolation, commons-math's regression
 * updates), so results agree to the last bit.
 */
interface RangeFunction {

  /**
   * @param in the group's points
   * @param from first point of the range
   * @param to end of the range (exclusive); {@code from < to}
   * @param returnTime the time of the result: the first point's, or the range start or end when aligned
   * @param aligned true when {@code align_start_time} or {@code align_end_time} is set
   * @param out receives the result points
   */
  void apply(Points in, int from, int to, long returnTime, boolean aligned, Points out);

  RangeFunction SUM = (in, from, to, t, aligned, out) -> {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += in.doubleValue(i);
    }
    out.addDouble(t, sum);
  };

  RangeFunction AVG = (in, from, to, t, aligned, out) -> {
    double sum = 0;
    int count = 0;
    for (int i = from; i < to; i++) {
      sum += in.doubleValue(i);
      count++;
    }
    out.addDouble(t, sum / count);
  };

  RangeFunction MIN = (in, from, to, t, aligned, out) -> {
    double min = Double.MAX_VALUE;
    for (int i = from; i < to; i++) {
      min = Math.min(min, in.doubleValue(i));
    }
    out.addDouble(t, min);
  };

  RangeFunction MAX = (in, from, to, t, aligned, out) -> {
    double max = -Double.MAX_VALUE;
    for (int i = from; i < to; i++) {
      max = Math.max(max, in.doubleValue(i));
    }
    out.addDouble(t, max);
  };

  RangeFunction COUNT = (in, from, to, t, aligned, out) -> out.addLong(t, to - from);

  RangeFunction FIRST = (in, from, to, t, aligned, out) -> out.addDouble(t, in.doubleValue(from));

  /** The last point keeps its own time unless the range is aligned. */
  RangeFunction LAST = (in, from, to, t, aligned, out) ->
    out.addDouble(aligned ? t : in.ts(to - 1), in.doubleValue(to - 1));

  /** {@code gaps}: a range with data passes its points through (empty ranges are handled by the caller). */
  RangeFunction PASS = (in, from, to, t, aligned, out) -> {
    for (int i = from; i < to; i++) {
      out.add(in, i);
    }
  };

  /** {@code dev}: KairosDB's running mean and mean of squares; NaN (one point) becomes 0. */
  static RangeFunction dev(String returnType, long devCount) {
    return (in, from, to, t, aligned, out) -> {
      int count = 0;
      double average = 0;
      double pwrSumAvg = 0;
      double stdDev = 0;
      for (int i = from; i < to; i++) {
        count++;
        double v = in.doubleValue(i);
        average += (v - average) / count;
        pwrSumAvg += (v * v - pwrSumAvg) / count;
        stdDev = Math.sqrt((pwrSumAvg * count - count * average * average) / (count - 1));
      }
      double sd = Double.isNaN(stdDev) ? 0 : stdDev;
      switch (returnType) {
        case "pos_sd" -> out.addDouble(t, average + devCount * sd);
        case "neg_sd" -> out.addDouble(t, average - devCount * sd);
        default -> out.addDouble(t, sd);
      }
    };
  }

  /**
   * {@code percentile}: position {@code p * (n + 1)} in the sorted values, linear interpolation. KairosDB samples
   * at most 1028 values at random; we use all of them, which equals KairosDB up to 1028 points per range.
   */
  static RangeFunction percentile(double p) {
    return (in, from, to, t, aligned, out) -> {
      double[] values = new double[to - from];
      for (int i = from; i < to; i++) {
        values[i - from] = in.doubleValue(i);
      }
      Arrays.sort(values);
      double pos = p * (values.length + 1);
      double result;
      if (pos < 1) {
        result = values[0];
      } else if (pos >= values.length) {
        result = values[values.length - 1];
      } else {
        double lower = values[(int) pos - 1];
        double upper = values[(int) pos];
        result = lower + (pos - Math.floor(pos)) * (upper - lower);
      }
      out.addDouble(t, result);
    };
  }

  /**
   * {@code least_squares}: one point is returned as is, two as they are, more become the two ends of the fitted
   * line (commons-math {@code SimpleRegression} updating formulas).
   */
  RangeFunction LEAST_SQUARES = (in, from, to, t, aligned, out) -> {
    int n = to - from;
    if (n <= 2) {
      for (int i = from; i < to; i++) {
        out.add(in, i);
      }
      return;
    }
    long count = 0;
    double xbar = 0;
    double ybar = 0;
    double sumXX = 0;
    double sumXY = 0;
    double sumX = 0;
    double sumY = 0;
    for (int i = from; i < to; i++) {
      double x = in.ts(i);
      double y = in.doubleValue(i);
      if (count == 0) {
        xbar = x;
        ybar = y;
      } else {
        double fact1 = 1.0 + count;
        double fact2 = count / (1.0 + count);
        double dx = x - xbar;
        double dy = y - ybar;
        sumXX += dx * dx * fact2;
        sumXY += dx * dy * fact2;
        xbar += dx / fact1;
        ybar += dy / fact1;
      }
      sumX += x;
      sumY += y;
      count++;
    }
    double slope = Math.abs(sumXX) < 10 * Double.MIN_VALUE ? Double.NaN : sumXY / sumXX;
    double intercept = (sumY - slope * sumX) / count;
    long start = in.ts(from);
    long stop = in.ts(to - 1);
    out.addDouble(start, intercept + slope * start);
    out.addDouble(stop, intercept + slope * stop);
  };
}

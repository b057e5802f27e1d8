package io.raftmetrics.query.kairos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The aggregators that work point by point or on neighbours: {@code rate}, {@code sampler}, {@code diff},
 * {@code div}, {@code scale}, {@code trim}, {@code sma} and {@code score} (numbers only, results are doubles) and
 * {@code filter} (any type). Each reproduces KairosDB's arithmetic and its output count (e.g. {@code rate} yields one
 * point per pair of neighbours, {@code sma} starts at its {@code size}-th point).
 */
final class PointAggregators {

  private PointAggregators() {
  }

  /** A numeric step that maps a group to a new point sequence. */
  private interface NumericStep {
    Points apply(Points in);
  }

  private static KairosAggregator numeric(NumericStep step) {
    return new KairosAggregator() {
      @Override
      public boolean canAggregate(String groupType) {
        return NUMBER.equals(groupType);
      }

      @Override
      public Points apply(Points in, ResultGroup group) {
        return step.apply(in);
      }
    };
  }

  /** {@code rate} ({@code sampler} when {@code sampler} is true): one point per pair of neighbours, at the later. */
  static KairosAggregator rate(JsonObject agg, boolean sampler) {
    JsonObject sampling = agg.getJsonObject("sampling");
    long value = sampling.getLong("value");
    RangeCalendar calendar = new RangeCalendar(sampling.getString("unit"), agg.getString("time_zone"));
    String name = sampler ? "sampler" : "rate";
    return numeric(in -> {
      Points out = new Points(in.size());
      for (int i = 0; i + 1 < in.size(); i++) {
        long y0 = in.ts(i);
        long y1 = in.ts(i + 1);
        if (y1 == y0) {
          throw KairosQueryException.badRequest("The " + name + " aggregator cannot compute rate for data points "
            + "with the same time stamp.  You must precede " + name + " with another aggregator.");
        }
        double x1 = in.doubleValue(i + 1);
        double delta = sampler ? x1 : x1 - in.doubleValue(i);
        out.addDouble(y1, delta / (y1 - y0) * calendar.duration(y0, value));
      }
      return out;
    });
  }

  static KairosAggregator diff() {
    return numeric(in -> {
      Points out = new Points(in.size());
      for (int i = 0; i + 1 < in.size(); i++) {
        out.addDouble(in.ts(i + 1), in.doubleValue(i + 1) - in.doubleValue(i));
      }
      return out;
    });
  }

  static KairosAggregator divide(double divisor) {
    return numeric(in -> {
      Points out = new Points(in.size());
      for (int i = 0; i < in.size(); i++) {
        out.addDouble(in.ts(i), in.doubleValue(i) / divisor);
      }
      return out;
    });
  }

  static KairosAggregator scale(double factor) {
    return numeric(in -> {
      Points out = new Points(in.size());
      for (int i = 0; i < in.size(); i++) {
        out.addDouble(in.ts(i), in.doubleValue(i) * factor);
      }
      return out;
    });
  }

  /**
   * {@code sma}: the first {@code size - 1} points fill the window; then the mean of the last {@code size} points at
   * each point, summed oldest first as KairosDB does.
   */
  static KairosAggregator sma(int size) {
    return numeric(in -> {
      Points out = new Points(in.size());
      double[] window = new double[size];
      int head = 0;
      int count = 0;
      for (int i = 0; i < in.size(); i++) {
        if (count < size) {
          window[(head + count++) % size] = in.doubleValue(i);
        } else {
          window[head] = in.doubleValue(i);
          head = (head + 1) % size;
        }
        if (i < size - 1) {
          continue;
        }
        double sum = 0;
        for (int k = 0; k < count; k++) {
          sum += window[(head + k) % size];
        }
        out.addDouble(in.ts(i), sum / count);
      }
      return out;
    });
  }

  /** {@code score}: the number of thresholds a value passes (reversed for descending order). */
  static KairosAggregator score(JsonObject agg) {
    JsonArray thresholds = agg.getJsonArray("thresholds");
    double[] values = new double[thresholds.size()];
    boolean[] inferior = new boolean[thresholds.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = thresholds.getJsonObject(i).getDouble("value");
      inferior[i] = "inferior".equals(thresholds.getJsonObject(i).getString("boundary"));
    }
    boolean descending = "descending".equals(agg.getString("order"));
    return numeric(in -> {
      Points out = new Points(in.size());
      for (int i = 0; i < in.size(); i++) {
        double v = in.doubleValue(i);
        int score = 0;
        while (score < values.length && passes(v, values[score], inferior[score])) {
          score++;
        }
        out.addDouble(in.ts(i), descending ? values.length - score : score);
      }
      return out;
    });
  }

  /** KairosDB's {@code Threshold.compareValue(v) >= 0}. */
  private static boolean passes(double v, double threshold, boolean inferior) {
    return v > threshold || (v == threshold && inferior);
  }

  /** {@code trim}: drops the first, the last or both points; any type. */
  static KairosAggregator trim(String mode) {
    boolean first = !mode.equals("last");
    boolean last = !mode.equals("first");
    return new KairosAggregator.AnyType() {
      @Override
      public Points apply(Points in, ResultGroup group) {
        int from = first ? 1 : 0;
        int to = last ? in.size() - 1 : in.size();
        Points out = new Points(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
          out.add(in, i);
        }
        return out;
      }
    };
  }
}

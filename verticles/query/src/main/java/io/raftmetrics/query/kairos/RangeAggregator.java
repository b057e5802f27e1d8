package io.raftmetrics.query.kairos;

import io.vertx.core.json.JsonObject;

/**
 * KairosDB's range aggregation. Ranges are {@code sampling} long and counted from the start time (aligned to the
 * unit's boundary with {@code align_sampling}); walking the group's points in order, the range of the current
 * point takes every following point before the range's end, exactly as KairosDB's iterator does (so a descending
 * group collapses into one range, as in KairosDB). Only ranges with points produce output, except for the
 * exhaustive {@code gaps}, which emits {@code null} for every empty range up to the end of the query (or now).
 */
final class RangeAggregator implements KairosAggregator {

  private final RangeFunction function;
  private final boolean anyType;
  private final boolean keepsType;
  private final boolean exhaustive;
  private final long value;
  private final RangeCalendar calendar;
  private final boolean alignSampling;
  private final boolean alignStart;
  private final boolean alignEnd;
  private final boolean trim;
  private final long startTime;
  private final long endTime;
  private final long now;
  private final QueryBudget budget;

  /**
   * @param agg the normalised aggregator
   * @param function what to compute per range
   * @param anyType true if it also applies to {@code text} groups
   * @param keepsType true if the group keeps its type (otherwise it becomes {@code number})
   * @param exhaustive true for {@code gaps}
   */
  RangeAggregator(JsonObject agg, RangeFunction function, boolean anyType, boolean keepsType, boolean exhaustive,
                  long now, QueryBudget budget) {
    this.function = function;
    this.anyType = anyType;
    this.keepsType = keepsType;
    this.exhaustive = exhaustive;
    JsonObject sampling = agg.getJsonObject("sampling");
    this.value = sampling.getLong("value");
    this.calendar = new RangeCalendar(sampling.getString("unit"), agg.getString("time_zone"));
    this.alignSampling = agg.getBoolean("align_sampling");
    this.alignStart = agg.getBoolean("align_start_time");
    this.alignEnd = agg.getBoolean("align_end_time");
    this.trim = agg.getBoolean("trim");
    this.startTime = agg.getLong("start_time");
    this.endTime = agg.getLong("end_time");
    this.now = now;
    this.budget = budget;
  }

  @Override
  public boolean canAggregate(String groupType) {
    return anyType || NUMBER.equals(groupType);
  }

  @Override
  public String aggregatedType(String groupType) {
    return keepsType ? groupType : NUMBER;
  }

  /** The start the ranges are counted from. */
  long rangeStart() {
    return alignSampling ? calendar.align(startTime) : startTime;
  }

  @Override
  public Points apply(Points in, ResultGroup group) {
    long start = rangeStart();
    return exhaustive ? gaps(in, start) : ranges(in, start);
  }

  private Points ranges(Points in, long start) {
    int n = in.size();
    Points out = new Points(Math.min(n, 1024));
    int i = 0;
    while (i < n) {
      long t = in.ts(i);
      long periods = calendar.difference(t, start) / value;
      long rangeStart = calendar.add(start, periods * value);
      long rangeEnd = calendar.add(start, (periods + 1) * value);
      int j = i + 1;
      while (j < n && in.ts(j) < rangeEnd) {
        j++;
      }
      long returnTime = alignStart ? rangeStart : (alignEnd ? rangeEnd : t);
      function.apply(in, i, j, returnTime, alignStart || alignEnd, out);
      i = j;
    }
    return out;
  }

  private Points gaps(Points in, long start) {
    int n = in.size();
    Points out = new Points(Math.min(n + 16, 1024));
    long end = Math.min(endTime, now);
    if (trim && n == 0) {
      return out;
    }
    long next = trim ? in.ts(0) : startTime;
    int i = 0;
    while (i < n || (next <= end && !(trim && i == n))) {
      long periods = calendar.difference(next, start) / value;
      long rangeStart = calendar.add(start, periods * value);
      long rangeEnd = calendar.add(start, (periods + 1) * value);
      if (rangeEnd <= next) {
        break;
      }
      next = rangeEnd;
      int j = i;
      while (j < n && in.ts(j) < rangeEnd) {
        j++;
      }
      long returnTime = i < n ? in.ts(i) : Long.MAX_VALUE;
      if (alignStart || rangeEnd <= returnTime) {
        returnTime = rangeStart;
      }
      if (j > i) {
        function.apply(in, i, j, returnTime, alignStart || alignEnd, out);
      } else {
        out.addNull(returnTime);
        budget.produced(out.size());
      }
      i = j;
    }
    return out;
  }
}

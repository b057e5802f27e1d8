package io.raftmetrics.gateway.ingest;

import io.raftmetrics.api.ingest.DataType;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Validates a metric object with KairosDB's rules and messages, in KairosDB's order ({@link KairosMetricChecks},
 * {@link KairosPointRules}), then writes its valid points. A metric that fails validation contributes no point; a
 * point that fails is skipped and the others are written.
 *
 * <p>Where KairosDB throws (and answers 500, or stores a point that breaks later queries, or loses a whole queue
 * batch), a message in the same {@code metric[i](name=X)...} style is added instead and the offending metric or point
 * is left out; {@code docs/compatibility.md} lists those cases.
 */
final class KairosMetricEmitter {

  private final KairosMetricChecks checks;
  private final ShardWriters out;
  private final KairosValues.Slot slot = new KairosValues.Slot();
  /** The string value {@link #convert} produced. */
  private String text;

  KairosMetricEmitter(IngestLimits limits, ShardWriters out) {
    this.checks = new KairosMetricChecks(limits);
    this.out = out;
  }

  /**
   * @param index the object's position in the request ({@code metric[index]})
   * @param errors receives the messages, in order
   */
  void emit(KairosMetric m, int index, List<String> errors) {
    String ctx = checks.check(m, index, errors);
    if (ctx == null) {
      return;
    }
    SortedMap<String, String> tags = m.tags == null ? new TreeMap<>() : new TreeMap<>(m.tags);
    int shard = out.shardOf(m.name);
    Long ts = m.effectiveTimestamp();
    if (ts != null && m.value != null) {
      byte kind = KairosValues.kindOf(m.value);
      Object ref = KairosValues.refOf(m.value);
      DataType type = KairosPointRules.resolveType(m.type, kind, ref, ctx, errors);
      if (type != null && convert(type, kind, ref, ctx, KairosPointRules.SINGLE, errors)) {
        write(type, shard, m, tags, ts);
      }
    }
    if (!m.hasDatapoints) {
      return;
    }
    PointBuffer points = m.points;
    // KairosDB numbers a point by the count of points written before it, not by its position.
    int written = 0;
    for (int i = 0; i < points.size(); i++) {
      String problem = KairosPointRules.pointProblem(m, i, ctx, written);
      if (problem != null) {
        errors.add(problem);
        continue;
      }
      byte kind = points.valueKind(i);
      Object ref = points.valueRef(i);
      String declared = points.arity(i) > 2 ? points.type(i) : m.type;
      DataType type = KairosPointRules.resolveType(declared, kind, ref, ctx, errors);
      if (type != null && convert(type, kind, ref, ctx, written, errors)) {
        write(type, shard, m, tags, points.timestamp(i));
        written++;
      }
    }
  }

  /** Converts into {@link #slot} or {@link #text} as KairosDB's data point factories do. */
  private boolean convert(DataType type, byte kind, Object ref, String ctx, int point, List<String> errors) {
    switch (type) {
      case LONG:
        if (KairosValues.toLong(kind, ref, true, slot)) {
          return true;
        }
        break;
      case DOUBLE:
        if (KairosValues.toDouble(kind, ref, true, slot)) {
          if (Double.isFinite(slot.doubleValue)) {
            return true;
          }
          errors.add(KairosPointRules.valueContext(ctx, point) + " may not be NaN or Infinity.");
          return false;
        }
        break;
      default:
        if (kind == KairosValues.KIND_NULL) {
          errors.add(KairosPointRules.valueContext(ctx, point) + " may not be null.");
          return false;
        }
        text = KairosValues.asString(kind, ref);
        if (text != null) {
          return true;
        }
    }
    errors.add(KairosPointRules.valueContext(ctx, point) + " cannot be converted to " + type.apiName() + ".");
    return false;
  }

  private void write(DataType type, int shard, KairosMetric m, SortedMap<String, String> tags, long ts) {
    out.select(shard, m.name, tags, m.ttl);
    switch (type) {
      case LONG:
        out.addLong(ts, slot.longValue);
        break;
      case DOUBLE:
        out.addDouble(ts, slot.doubleValue);
        break;
      default:
        out.addString(ts, text);
    }
  }
}

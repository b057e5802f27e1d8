package io.raftmetrics.query.kairos;

import io.raftmetrics.api.kairos.KairosMetricQuery;

import java.util.List;
import java.util.Map;

/**
 * Prints one result group in KairosDB's key order: {@code name}, {@code alias} (when set), {@code group_by},
 * {@code tags} (unless {@code exclude_tags}), {@code values} as {@code [timestamp, value]} pairs.
 */
final class ResultWriter {

  private ResultWriter() {
  }

  static void group(KairosJson out, KairosMetricQuery q, ResultGroup g) {
    out.raw("{\"name\":").string(q.name());
    if (q.alias() != null) {
      out.raw(",\"alias\":").string(q.alias());
    }
    out.raw(",\"group_by\":[");
    for (int i = 0; i < g.groupBy.size(); i++) {
      out.raw(i == 0 ? "" : ",").raw(g.groupBy.get(i));
    }
    out.raw(']');
    if (!q.excludeTags()) {
      out.raw(",\"tags\":");
      tags(out, g.tags);
    }
    out.raw(",\"values\":[");
    Points p = g.points;
    for (int i = 0; i < p.size(); i++) {
      out.raw(i == 0 ? "[" : ",[").number(p.ts(i)).raw(',');
      switch (p.kind(i)) {
        case Points.LONG -> out.number(p.longValue(i));
        case Points.DOUBLE -> {
          double v = p.doubleValue(i);
          if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw KairosQueryException.badRequest("query.metric[" + q.position() + "] (" + q.name()
              + ") produced " + v + " at " + p.ts(i) + ", which JSON cannot represent (NaN or Infinity)");
          }
          out.number(v);
        }
        case Points.STRING -> out.string(p.string(i));
        default -> out.raw("null");
      }
      out.raw(']');
    }
    out.raw("]}");
  }

  static void tags(KairosJson out, Map<String, List<String>> tags) {
    out.raw('{');
    boolean first = true;
    for (Map.Entry<String, List<String>> e : tags.entrySet()) {
      out.raw(first ? "" : ",").string(e.getKey()).raw(":[");
      List<String> values = e.getValue();
      for (int i = 0; i < values.size(); i++) {
        out.raw(i == 0 ? "" : ",").string(values.get(i));
      }
      out.raw(']');
      first = false;
    }
    out.raw('}');
  }
}

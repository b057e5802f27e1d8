package io.raftmetrics.gateway.kairos;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.vertx.core.json.JsonArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates one {@code aggregators} entry as KairosDB does and returns its normalised form, with every parameter
 * present (the forms are listed in {@code docs/kairos-query.md}), so the query role never validates again.
 */
final class AggregatorNormalizer {

  /** The query-level settings an aggregator inherits. */
  record Inherited(long start, long end, String timeZone) {
  }

  private AggregatorNormalizer() {
  }

  static io.vertx.core.json.JsonObject normalize(String metricContext, int index, JsonElement element,
                                                 Inherited q) throws QueryError {
    if (!element.isJsonObject()) {
      throw QueryError.violation(metricContext, "aggregators[" + index + "]", "must be an object");
    }
    JsonObject js = element.getAsJsonObject();
    String name = MetricReader.nameOf(js);
    if (name == null || name.isEmpty()) {
      throw QueryError.violation(metricContext, "aggregators[" + index + "]", "must have a name");
    }
    String context = metricContext + ".aggregators[" + index + "]";
    ComponentSpec spec = Components.AGGREGATORS.get(name);
    if (spec == null) {
      throw QueryError.violation(context, name, "invalid aggregators name");
    }
    Map<String, Object> v = PropertyBinder.bind(context, js, spec);
    io.vertx.core.json.JsonObject out = new io.vertx.core.json.JsonObject().put("name", name);
    List<String> violations = new ArrayList<>();
    switch (spec.kind()) {
      case RANGE -> RangeParams.normalize(context, name, v, q, out, violations);
      case RATE -> {
        QueryFields.Duration sampling = duration(1, KairosTimeUnit.MILLISECONDS);
        for (Map.Entry<String, Object> e : v.entrySet()) {
          if (e.getKey().equals("sampling")) {
            sampling = (QueryFields.Duration) e.getValue();
          } else if (e.getKey().equals("unit")) {
            sampling = duration(1, (KairosTimeUnit) e.getValue());
          }
        }
        if (sampling == null || sampling.unit == null) {
          violations.add(Violations.format(context, "m_sampling", Violations.MAY_NOT_BE_NULL));
        } else {
          out.put("sampling", RangeParams.json(sampling));
        }
        out.put("time_zone", RangeParams.zone(v, q));
      }
      case SAMPLER -> {
        KairosTimeUnit unit = v.containsKey("unit") ? (KairosTimeUnit) v.get("unit") : KairosTimeUnit.MILLISECONDS;
        if (unit == null) {
          violations.add(Violations.format(context, "unit", Violations.MAY_NOT_BE_NULL));
        } else {
          out.put("sampling", RangeParams.json(duration(1, unit)));
        }
        out.put("time_zone", RangeParams.zone(v, q));
      }
      default -> SimpleParams.normalize(context, name, v, out, violations);
    }
    if (!violations.isEmpty()) {
      throw new QueryError(400, violations);
    }
    return out;
  }

  static QueryFields.Duration duration(long value, KairosTimeUnit unit) {
    QueryFields.Duration d = new QueryFields.Duration();
    d.value = value;
    d.unit = unit;
    return d;
  }

  /** The parameters shared by range aggregators, and those of {@code dev} and {@code percentile}. */
  static final class RangeParams {

    private RangeParams() {
    }

    static void normalize(String context, String name, Map<String, Object> v, Inherited q,
                          io.vertx.core.json.JsonObject out, List<String> violations) {
      QueryFields.Duration sampling = v.containsKey("sampling") ? (QueryFields.Duration) v.get("sampling")
        : duration(1, KairosTimeUnit.MILLISECONDS);
      if (sampling == null) {
        violations.add(Violations.format(context, "m_sampling", Violations.MAY_NOT_BE_NULL));
      } else {
        if (sampling.value == 0) {
          // KairosDB divides by it once data arrives: 500 "/ by zero".
          violations.add(Violations.format(context, "sampling.value", Violations.MAY_NOT_BE_ZERO));
        }
        out.put("sampling", json(sampling));
      }
      out.put("align_sampling", (Boolean) v.getOrDefault("align_sampling", true))
        .put("align_start_time", (Boolean) v.getOrDefault("align_start_time", false))
        .put("align_end_time", (Boolean) v.getOrDefault("align_end_time", false))
        .put("trim", (Boolean) v.getOrDefault("trim", false))
        .put("start_time", (Long) v.getOrDefault("start_time", q.start()))
        .put("end_time", (Long) v.getOrDefault("end_time", q.end()))
        .put("time_zone", zone(v, q));
      if (name.equals("dev")) {
        Object rt = v.getOrDefault("return_type", KairosGson.ReturnType.VALUE);
        if (rt == null) {
          violations.add(Violations.format(context, "return_type", "must be 'value', 'pos_sd' or 'neg_sd'"));
        } else {
          out.put("return_type", ((KairosGson.ReturnType) rt).name().toLowerCase(java.util.Locale.ROOT));
        }
        out.put("dev_count", (Long) v.getOrDefault("dev_count", 1L));
      } else if (name.equals("percentile")) {
        double p = (Double) v.getOrDefault("percentile", 0.0);
        if (p == 0.0) {
          violations.add(Violations.format(context, "percentile", Violations.MAY_NOT_BE_ZERO));
        } else if (!(p > 0 && p <= 1)) {
          // KairosDB fails with 500 "1.5 is not in [0..1]" once data arrives.
          violations.add(Violations.format(context, "percentile", p + " is not in [0..1]"));
        }
        out.put("percentile", p);
      }
    }

    static io.vertx.core.json.JsonObject json(QueryFields.Duration d) {
      return new io.vertx.core.json.JsonObject().put("value", d.value).put("unit", d.unit.name());
    }

    /** The aggregator's own {@code time_zone} if it sets one (null meaning UTC), else the query's. */
    static String zone(Map<String, Object> v, Inherited q) {
      if (v.containsKey("time_zone")) {
        KairosGson.Zone z = (KairosGson.Zone) v.get("time_zone");
        return z == null ? "UTC" : z.id();
      }
      return q.timeZone() == null ? "UTC" : q.timeZone();
    }
  }

  /** Normalised score thresholds, sorted as KairosDB sorts them. */
  static JsonArray thresholds(ComponentSpec.Threshold[] thresholds) {
    List<ComponentSpec.Threshold> sorted = new ArrayList<>(List.of(thresholds));
    sorted.sort((a, b) -> {
      if (a.value != b.value) {
        return Double.compare(a.value, b.value);
      }
      return a.boundary == b.boundary ? 0 : (b.boundary == KairosGson.Boundary.SUPERIOR ? -1 : 1);
    });
    JsonArray out = new JsonArray();
    for (ComponentSpec.Threshold t : sorted) {
      out.add(new io.vertx.core.json.JsonObject().put("value", t.value)
        .put("boundary", t.boundary.name().toLowerCase(java.util.Locale.ROOT)));
    }
    return out;
  }
}

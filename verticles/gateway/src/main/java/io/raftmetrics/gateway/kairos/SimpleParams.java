package io.raftmetrics.gateway.kairos;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Normalises the aggregators that work point by point ({@code diff}, {@code div}, {@code scale}, {@code trim},
 * {@code filter}, {@code sma}, {@code score}, {@code save_as}) and checks their parameters. Where KairosDB would
 * fail with 500 later (a zero {@code sma} size, a nameless {@code save_as}), this is a 400 now.
 */
final class SimpleParams {

  private SimpleParams() {
  }

  static void normalize(String context, String name, Map<String, Object> v, io.vertx.core.json.JsonObject out,
                        List<String> violations) {
    switch (name) {
      case "div" -> {
        double divisor = (Double) v.getOrDefault("divisor", 0.0);
        if (divisor == 0.0) {
          violations.add(Violations.format(context, "m_divisor", Violations.MAY_NOT_BE_ZERO));
        }
        out.put("divisor", divisor);
      }
      case "scale" -> out.put("factor", (Double) v.getOrDefault("factor", 0.0));
      case "trim" -> {
        Object mode = v.get("trim");
        out.put("trim", mode == null ? "both" : ((KairosGson.TrimMode) mode).name().toLowerCase(Locale.ROOT));
      }
      case "filter" -> {
        Object op = v.get("filter_op");
        out.put("filter_op", op == null ? "equal" : ((KairosGson.FilterOp) op).name().toLowerCase(Locale.ROOT));
        JsonElement threshold = (JsonElement) v.getOrDefault("threshold", new JsonPrimitive(0.0));
        if (threshold == null || !threshold.isJsonPrimitive()) {
          violations.add(Violations.format(context, "threshold", "must be a number or a string"));
        } else if (threshold.getAsJsonPrimitive().isNumber()) {
          out.put("threshold", threshold.getAsDouble());
        } else {
          out.put("threshold", threshold.getAsString());
        }
      }
      case "sma" -> {
        int size = (Integer) v.getOrDefault("size", 0);
        if (size < 1) {
          // KairosDB: 500 {"errors":[null]}
          violations.add(Violations.format(context, "size", Violations.atLeast(1)));
        }
        out.put("size", size);
      }
      case "score" -> {
        ComponentSpec.Threshold[] thresholds = (ComponentSpec.Threshold[]) v.get("thresholds");
        if (thresholds == null) {
          violations.add(Violations.format(context, "thresholds", Violations.MAY_NOT_BE_NULL));
        } else {
          for (int i = 0; i < thresholds.length; i++) {
            if (thresholds[i] == null || thresholds[i].boundary == null) {
              violations.add(Violations.format(context, "thresholds[" + i + "].boundary",
                "must be 'superior' or 'inferior'"));
            }
          }
          if (violations.isEmpty()) {
            out.put("thresholds", AggregatorNormalizer.thresholds(thresholds));
          }
        }
        Object order = v.containsKey("order") ? v.get("order") : KairosGson.ScoreOrder.ASCENDING;
        if (order == null) {
          violations.add(Violations.format(context, "order", Violations.MAY_NOT_BE_NULL));
        } else {
          out.put("order", ((KairosGson.ScoreOrder) order).name().toLowerCase(Locale.ROOT));
        }
      }
      case "save_as" -> saveAs(context, v, out, violations);
      default -> {
        // diff has no parameter
      }
    }
  }

  private static void saveAs(String context, Map<String, Object> v, io.vertx.core.json.JsonObject out,
                             List<String> violations) {
    String metric = (String) v.get("metric_name");
    if (metric == null) {
      violations.add(Violations.format(context, "metric_name", Violations.MAY_NOT_BE_NULL));
    } else if (metric.isEmpty()) {
      violations.add(Violations.format(context, "metric_name", Violations.MAY_NOT_BE_EMPTY));
    }
    io.vertx.core.json.JsonObject tags = new io.vertx.core.json.JsonObject();
    Object raw = v.get("tags");
    if (raw != null) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) raw).entrySet()) {
        if (!(e.getValue() instanceof String s) || s.isEmpty() || e.getKey().toString().isEmpty()) {
          violations.add(Violations.format(context, "tags", "must map tag names to non-empty strings"));
          break;
        }
        tags.put(e.getKey().toString(), s);
      }
    }
    int ttl = (Integer) v.getOrDefault("ttl", 0);
    if (ttl < 0) {
      violations.add(Violations.format(context, "ttl", Violations.atLeast(0)));
    }
    out.put("metric_name", metric).put("tags", tags).put("ttl", ttl)
      .put("add_saved_from", (Boolean) v.getOrDefault("add_saved_from", true));
  }
}

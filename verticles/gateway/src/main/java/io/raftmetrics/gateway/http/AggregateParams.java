package io.raftmetrics.gateway.http;

import io.raftmetrics.api.query.Aggregate;
import io.raftmetrics.api.query.AggregateRequest;
import io.raftmetrics.gateway.ingest.FieldError;
import io.vertx.core.MultiMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and validates the query parameters of {@code GET /aggregate} and {@code GET /metrics/{name}/aggregate}:
 * {@code metric, from, to, window, agg, group_by, tags, order_by, limit, consistency}. Every invalid parameter is
 * reported, not only the first.
 */
public final class AggregateParams {

  static final List<Aggregate> DEFAULT_AGGS = List.of(Aggregate.AVG, Aggregate.MIN, Aggregate.MAX, Aggregate.COUNT);
  private static final Pattern WINDOW = Pattern.compile("(\\d{1,9})(ms|s|m|h|d|w)");
  private static final long MAX_WINDOW_MS = 366L * 86_400_000L;

  /** Either a request or the field errors. */
  public record Parsed(AggregateRequest request, List<FieldError> errors) {
  }

  private AggregateParams() {
  }

  public static Parsed parse(MultiMap p, String pathMetric) {
    List<FieldError> errors = new ArrayList<>();
    String metric = pathMetric != null ? pathMetric : p.get("metric");
    if (metric == null || metric.isBlank()) {
      errors.add(new FieldError("metric", "is required"));
    }
    long from = time(p, "from", Long.MIN_VALUE, errors);
    long to = time(p, "to", Long.MAX_VALUE, errors);
    if (from != Long.MIN_VALUE && to != Long.MAX_VALUE && to <= from) {
      errors.add(new FieldError("to", "must be after from"));
    }
    long window = window(p.get("window"), errors);
    List<Aggregate> aggs = aggs(p.get("agg"), errors);
    List<String> groupBy = list(p.get("group_by"));
    if (groupBy.stream().anyMatch(String::isEmpty)) {
      errors.add(new FieldError("group_by", "must be a comma-separated list of tag names"));
    }
    Map<String, String> tags = tags(p.get("tags"), errors);
    Aggregate orderBy = null;
    boolean descending = false;
    String order = p.get("order_by");
    if (order != null && !order.isBlank()) {
      String[] parts = order.split(":", 2);
      orderBy = Aggregate.of(parts[0].trim());
      String dir = parts.length > 1 ? parts[1].trim().toLowerCase() : "asc";
      if (orderBy == null || !aggs.contains(orderBy)) {
        errors.add(new FieldError("order_by", "must name one of the requested aggregates, as <agg>:asc|desc"));
      }
      if (!dir.equals("asc") && !dir.equals("desc")) {
        errors.add(new FieldError("order_by", "direction must be asc or desc"));
      }
      descending = dir.equals("desc");
    }
    int limit = limit(p.get("limit"), errors);
    boolean linearizable = "linearizable".equalsIgnoreCase(p.get("consistency"));
    if (!errors.isEmpty()) {
      return new Parsed(null, errors);
    }
    return new Parsed(new AggregateRequest(metric, from, to, window, aggs, groupBy, tags, orderBy, descending, limit,
      linearizable), List.of());
  }

  private static long time(MultiMap p, String name, long absent, List<FieldError> errors) {
    String v = p.get(name);
    if (v == null || v.isBlank()) {
      return absent;
    }
    Long t = Iso.parse(v);
    if (t == null) {
      errors.add(new FieldError(name, "must be a valid ISO 8601 timestamp or epoch milliseconds"));
      return absent;
    }
    return t;
  }

  private static long window(String w, List<FieldError> errors) {
    if (w == null || w.isBlank()) {
      return 0;
    }
    Matcher m = WINDOW.matcher(w.trim());
    long ms = 0;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms": ms = n; break;
        case "s": ms = n * 1000; break;
        case "m": ms = n * 60_000; break;
        case "h": ms = n * 3_600_000; break;
        case "d": ms = n * 86_400_000; break;
        default: ms = n * 7 * 86_400_000;
      }
    }
    if (ms <= 0 || ms > MAX_WINDOW_MS) {
      errors.add(new FieldError("window", "must be <n><ms|s|m|h|d|w> with n > 0, e.g. 1m, 5m, 1h, 1d (at most 366d)"));
      return 0;
    }
    return ms;
  }

  private static List<Aggregate> aggs(String text, List<FieldError> errors) {
    List<String> names = list(text);
    if (names.isEmpty()) {
      return DEFAULT_AGGS;
    }
    List<Aggregate> aggs = new ArrayList<>();
    for (String n : names) {
      Aggregate a = Aggregate.of(n);
      if (a == null) {
        errors.add(new FieldError("agg", "unknown aggregate '" + n
          + "' (avg, min, max, sum, count, p50, p90, p95, p99, first, last, stddev)"));
      } else if (!aggs.contains(a)) {
        aggs.add(a);
      }
    }
    return aggs;
  }

  static Map<String, String> tags(String text, List<FieldError> errors) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String pair : list(text)) {
      int colon = pair.indexOf(':');
      if (colon <= 0 || colon == pair.length() - 1) {
        errors.add(new FieldError("tags", "must be k:v pairs separated by commas, got '" + pair + "'"));
      } else {
        tags.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
      }
    }
    return tags;
  }

  private static int limit(String text, List<FieldError> errors) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError("limit", "must be a positive integer"));
    return 0;
  }

  static List<String> list(String text) {
    List<String> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String s : text.split(",")) {
      out.add(s.trim());
    }
    return out;
  }
}

package io.raftmetrics.gateway.ingest;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.raftmetrics.api.ingest.DataType;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks one metric of the simple API ({@code {"metric_name","value","timestamp","tags"}}) and turns it into a point.
 */
final class SimpleMetricValidator {

  static final String NAME_RULE = "must match ^[a-zA-Z0-9_.-]+$ and be 1..256 characters";
  static final String VALUE_RULE = "is required and must be a number";
  static final String TIMESTAMP_RULE = "must be a valid ISO 8601 timestamp or epoch milliseconds";

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");
  private static final Pattern EPOCH_MS = Pattern.compile("-?[0-9]{1,19}");

  /** A valid metric, ready to be written. */
  record Point(String name, SortedMap<String, String> tags, long timestamp, DataType type, long longValue,
               double doubleValue) {
  }

  private final IngestLimits limits;

  SimpleMetricValidator(IngestLimits limits) {
    this.limits = limits;
  }

  /**
   * @param prefix prepended to field names ({@code ""} or {@code "metrics[3]."})
   * @param nowMs the timestamp of a metric that has none
   * @return the point, or null after adding at least one error
   */
  Point validate(JsonObject o, String prefix, long nowMs, List<FieldError> errors) {
    int before = errors.size();
    String name = name(o, prefix, errors);
    JsonElement v = o.get("value");
    DataType type = null;
    long longValue = 0;
    double doubleValue = 0;
    if (!isNumber(v)) {
      errors.add(new FieldError(prefix + "value", VALUE_RULE));
    } else {
      String text = v.getAsString();
      Long exact = integral(text);
      if (exact != null) {
        type = DataType.LONG;
        longValue = exact;
      } else {
        doubleValue = Double.parseDouble(text);
        type = DataType.DOUBLE;
        if (!Double.isFinite(doubleValue)) {
          errors.add(new FieldError(prefix + "value", "must be a finite number"));
        }
      }
    }
    Long ts = timestamp(o.get("timestamp"), nowMs);
    if (ts == null) {
      errors.add(new FieldError(prefix + "timestamp", TIMESTAMP_RULE));
    }
    SortedMap<String, String> tags = tags(o.get("tags"), prefix, errors);
    if (errors.size() > before) {
      return null;
    }
    return new Point(name, tags, ts, type, longValue, doubleValue);
  }

  /** {@code metric_name}, or its alias {@code key} when it is absent. */
  private static String name(JsonObject o, String prefix, List<FieldError> errors) {
    String field = "metric_name";
    JsonElement n = o.get(field);
    if ((n == null || n.isJsonNull()) && o.has("key")) {
      field = "key";
      n = o.get(field);
    }
    if (n == null || n.isJsonNull()) {
      errors.add(new FieldError(prefix + "metric_name", "is required"));
      return null;
    }
    if (!n.isJsonPrimitive() || !n.getAsJsonPrimitive().isString() || !NAME.matcher(n.getAsString()).matches()) {
      errors.add(new FieldError(prefix + field, NAME_RULE));
      return null;
    }
    return n.getAsString();
  }

  private static boolean isNumber(JsonElement v) {
    return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber();
  }

  /**
   * KairosDB's inference, minus its losses: a number written without {@code .} is a long when it is an integer in the
   * long range ({@code 1e3} is 1000); otherwise ({@code 1e-3}, {@code 1e30}, any {@code .}) it is a double.
   *
   * @return the long, or null for a double
   */
  private static Long integral(String text) {
    return text.indexOf('.') >= 0 ? null : exactLong(text);
  }

  /** @return the number as a long if it is an integer in the long range, else null */
  private static Long exactLong(String text) {
    if (text.indexOf('e') < 0 && text.indexOf('E') < 0 && text.indexOf('.') < 0) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try {
      // longValueExact rejects fractions and overflow before expanding any exponent.
      return new BigDecimal(text).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  /** @return epoch milliseconds, {@code nowMs} when absent, or null when invalid */
  private static Long timestamp(JsonElement t, long nowMs) {
    if (t == null || t.isJsonNull()) {
      return nowMs;
    }
    if (!t.isJsonPrimitive() || t.getAsJsonPrimitive().isBoolean()) {
      return null;
    }
    String text = t.getAsString();
    if (t.getAsJsonPrimitive().isNumber()) {
      return exactLong(text);
    }
    if (EPOCH_MS.matcher(text).matches()) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return isoMillis(text);
  }

  /** An instant ({@code ...Z}), a date-time with an offset, or a local date-time taken as UTC. */
  private static Long isoMillis(String text) {
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeException | ArithmeticException e) {
      // try the next form
    }
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeException | ArithmeticException e) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  private SortedMap<String, String> tags(JsonElement t, String prefix, List<FieldError> errors) {
    SortedMap<String, String> tags = new TreeMap<>();
    if (t == null || t.isJsonNull()) {
      return tags;
    }
    if (!t.isJsonObject()) {
      errors.add(new FieldError(prefix + "tags", "must be an object of string values"));
      return tags;
    }
    int max = limits.maxNameLength();
    JsonObject o = t.getAsJsonObject();
    if (o.size() > limits.maxTagsPerMetric()) {
      errors.add(new FieldError(prefix + "tags", "must have at most " + limits.maxTagsPerMetric() + " entries"));
      return tags;
    }
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      String key = e.getKey();
      if (key.isEmpty() || key.length() > max) {
        errors.add(new FieldError(prefix + "tags", "keys must be 1.." + max + " characters"));
        continue;
      }
      JsonElement v = e.getValue();
      if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
        errors.add(new FieldError(prefix + "tags." + key, "must be a string"));
      } else if (v.getAsString().isEmpty() || v.getAsString().length() > max) {
        errors.add(new FieldError(prefix + "tags." + key, "must be 1.." + max + " characters"));
      } else {
        tags.put(key, v.getAsString());
      }
    }
    return tags;
  }
}

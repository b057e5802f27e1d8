package io.raftmetrics.gateway.ingest;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.raftmetrics.api.ingest.DataType;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Parses the simple analytics API's writes ({@code spec/raftmetrics.md}): {@code POST /metrics} with one metric and
 * {@code POST /metrics/batch} with {@code {"metrics":[...]}}. A batch is validated as a whole: one invalid metric
 * refuses the request and every field error is listed.
 *
 * <p>The body must be strict JSON (one value, nothing after it). Pure and thread-safe.
 */
public final class SimpleMetricParser {

  private static final TypeAdapter<JsonElement> ELEMENT = new Gson().getAdapter(JsonElement.class);

  private final IngestLimits limits;
  private final SimpleMetricValidator validator;

  public SimpleMetricParser(IngestLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.validator = new SimpleMetricValidator(limits);
  }

  /**
   * {@code POST /metrics}.
   *
   * @param body UTF-8 JSON
   * @param shards number of shards, at least 1
   * @param batchIds gives the id of the batch
   * @param nowMs creation time of the batch, and the timestamp of a metric that has none
   */
  public SimpleIngestResult parseMetric(byte[] body, int shards, Supplier<UUID> batchIds, long nowMs) {
    JsonElement root;
    try {
      root = read(body);
    } catch (MalformedBody e) {
      return SimpleIngestResult.malformed(e.getMessage());
    }
    if (!root.isJsonObject()) {
      return SimpleIngestResult.malformed("Request body must be a JSON object");
    }
    List<FieldError> errors = new ArrayList<>();
    SimpleMetricValidator.Point p = validator.validate(root.getAsJsonObject(), "", nowMs, errors);
    if (p == null) {
      return invalid(errors);
    }
    return accepted(List.of(p), shards, batchIds, nowMs, p.name());
  }

  /**
   * {@code POST /metrics/batch}: all metrics are written, or none.
   *
   * @see #parseMetric
   */
  public SimpleIngestResult parseBatch(byte[] body, int shards, Supplier<UUID> batchIds, long nowMs) {
    JsonElement root;
    try {
      root = read(body);
    } catch (MalformedBody e) {
      return SimpleIngestResult.malformed(e.getMessage());
    }
    if (!root.isJsonObject()) {
      return SimpleIngestResult.malformed("Request body must be a JSON object");
    }
    JsonElement metrics = root.getAsJsonObject().get("metrics");
    if (metrics == null || !metrics.isJsonArray() || metrics.getAsJsonArray().isEmpty()) {
      return invalid(List.of(new FieldError("metrics", "is required and must be a non-empty array")));
    }
    JsonArray array = metrics.getAsJsonArray();
    if (array.size() > limits.maxMetricsPerBatch()) {
      return new SimpleIngestResult(SimpleIngestResult.Status.TOO_LARGE, List.of(), List.of(),
        "Too many metrics in one request: more than " + limits.maxMetricsPerBatch(), 0, null);
    }
    List<FieldError> errors = new ArrayList<>();
    List<SimpleMetricValidator.Point> points = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonElement m = array.get(i);
      String prefix = "metrics[" + i + "]";
      if (!m.isJsonObject()) {
        errors.add(new FieldError(prefix, "must be an object"));
        continue;
      }
      SimpleMetricValidator.Point p = validator.validate(m.getAsJsonObject(), prefix + ".", nowMs, errors);
      if (p != null) {
        points.add(p);
      }
    }
    if (!errors.isEmpty()) {
      return invalid(errors);
    }
    return accepted(points, shards, batchIds, nowMs, null);
  }

  private JsonElement read(byte[] body) throws MalformedBody {
    if (!JsonDepth.isWithin(body, limits.maxJsonDepth())) {
      throw new MalformedBody("Malformed JSON: nested deeper than " + limits.maxJsonDepth() + " levels");
    }
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      throw new MalformedBody("Request body is empty");
    }
    JsonReader reader = new JsonReader(new StringReader(text));
    JsonElement root;
    try {
      root = ELEMENT.read(reader);
    } catch (IOException | IllegalStateException | JsonParseException e) {
      throw new MalformedBody("Malformed JSON: " + plain(e.getMessage()));
    } catch (NumberFormatException e) {
      // Gson's reader signals a malformed unicode escape this way.
      throw new MalformedBody("Malformed JSON: invalid escape " + e.getMessage());
    }
    try {
      if (reader.peek() == JsonToken.END_DOCUMENT) {
        return root;
      }
    } catch (IOException e) {
      // reported below
    }
    throw new MalformedBody("Malformed JSON: unexpected content after the value");
  }

  /** Gson's strict-mode complaints name a setting of its own; the client only needs to know where. */
  private static String plain(String reason) {
    String lenient = "Use JsonReader.setLenient(true) to accept malformed JSON";
    return reason != null && reason.startsWith(lenient) ? "syntax error" + reason.substring(lenient.length()) : reason;
  }

  private static SimpleIngestResult invalid(List<FieldError> errors) {
    return new SimpleIngestResult(SimpleIngestResult.Status.INVALID, List.of(), errors, null, 0, null);
  }

  private static SimpleIngestResult accepted(List<SimpleMetricValidator.Point> points, int shards,
                                             Supplier<UUID> batchIds, long nowMs, String metricName) {
    ShardWriters out = new ShardWriters(shards, batchIds, nowMs);
    for (SimpleMetricValidator.Point p : points) {
      out.select(out.shardOf(p.name()), p.name(), p.tags(), 0);
      if (p.type() == DataType.LONG) {
        out.addLong(p.timestamp(), p.longValue());
      } else {
        out.addDouble(p.timestamp(), p.doubleValue());
      }
    }
    return new SimpleIngestResult(SimpleIngestResult.Status.ACCEPTED, out.finish(), List.of(), null, out.points(),
      metricName);
  }

  /** The body is not a JSON value; the message is the answer. */
  private static final class MalformedBody extends Exception {

    MalformedBody(String message) {
      super(message, null, false, false);
    }
  }
}

package io.raftmetrics.gateway.ingest;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Turns a KairosDB {@code POST /api/v1/datapoints} body into per-shard {@code IngestBatch}es and KairosDB's exact
 * error list. The body is one metric object or an array of them; each object is read as KairosDB's Gson binding
 * reads it ({@link KairosMetricReader}) and validated with KairosDB's rules ({@link KairosMetricEmitter}).
 *
 * <p>The outer structure follows KairosDB's {@code DataPointsParser}: a strict reader around lenient metric objects;
 * the end of input inside the top-level array is reported (once for the element, once more for the array's end);
 * a syntax error stops parsing and becomes the only message, while metrics read before it are kept; content after the
 * top-level value is ignored.
 *
 * <p>Pure and thread-safe: every call has its own state. It is CPU-bound (a few hundred nanoseconds per point), so
 * large bodies are best parsed on a worker pool.
 */
public final class KairosIngestParser {

  static final String END_OF_INPUT = "Invalid json. No content due to end of input.";
  static final String INVALID_START = "Invalid start of json.";

  private final IngestLimits limits;

  public KairosIngestParser(IngestLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * @param body the request body, UTF-8 (already decompressed)
   * @param shards number of shards, at least 1; a metric goes to {@code Sharding.shardOf(name, shards)}
   * @param batchIds gives the id of each batch created (called once per non-empty shard)
   * @param createdAtMs creation time stamped into every batch
   */
  public KairosIngestResult parse(byte[] body, int shards, Supplier<UUID> batchIds, long createdAtMs) {
    ShardWriters out = new ShardWriters(shards, batchIds, createdAtMs);
    List<String> errors = new ArrayList<>();
    if (!JsonDepth.isWithin(body, limits.maxJsonDepth())) {
      errors.add("Invalid json. Arrays and objects may not be nested deeper than " + limits.maxJsonDepth()
        + " levels.");
      return new KairosIngestResult(KairosIngestResult.Status.INVALID, List.of(), errors, 0, 0);
    }
    PointBudget budget = new PointBudget(limits.maxPointsPerRequest());
    KairosMetricReader reader = new KairosMetricReader(budget);
    KairosMetricEmitter emitter = new KairosMetricEmitter(limits, out);
    JsonReader json = new JsonReader(new StringReader(new String(body, StandardCharsets.UTF_8)));
    try {
      readBody(json, reader, emitter, errors);
    } catch (TooManyPointsException e) {
      return new KairosIngestResult(KairosIngestResult.Status.TOO_LARGE, List.of(), List.of(e.getMessage()), 0,
        budget.offered);
    } catch (KairosSyntaxException e) {
      errors.clear();
      errors.add(e.getMessage());
    }
    KairosIngestResult.Status status = errors.isEmpty()
      ? KairosIngestResult.Status.ACCEPTED : KairosIngestResult.Status.INVALID;
    return new KairosIngestResult(status, out.finish(), errors, out.points(), budget.offered - out.points());
  }

  private static void readBody(JsonReader json, KairosMetricReader reader, KairosMetricEmitter emitter,
                               List<String> errors) throws KairosSyntaxException, TooManyPointsException {
    KairosMetric metric = new KairosMetric();
    try {
      JsonToken first = json.peek();
      if (first == JsonToken.BEGIN_ARRAY) {
        try {
          json.beginArray();
          int index = 0;
          while (json.hasNext()) {
            reader.read(json, metric);
            emitter.emit(metric, index++, errors);
          }
        } catch (EOFException e) {
          errors.add(END_OF_INPUT);
        }
        json.endArray();
      } else if (first == JsonToken.BEGIN_OBJECT) {
        reader.read(json, metric);
        emitter.emit(metric, 0, errors);
      } else {
        errors.add(INVALID_START);
      }
    } catch (EOFException e) {
      errors.add(END_OF_INPUT);
    } catch (IOException | IllegalStateException e) {
      // Raised by the strict outer reader itself, not inside a metric: KairosDB answers the bare message.
      throw new KairosSyntaxException(e.getMessage());
    }
  }

  /** Counts the points a request offers and stops it at the limit. */
  private static final class PointBudget implements KairosMetricReader.PointCounter {

    private final int max;
    private int offered;

    PointBudget(int max) {
      this.max = max;
    }

    @Override
    public void add(int points) throws TooManyPointsException {
      offered += points;
      if (offered > max) {
        throw new TooManyPointsException(max);
      }
    }
  }
}

package io.raftmetrics.gateway.ingest;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.util.Map;

/**
 * Reads one metric object the way {@code gson.fromJson(reader, NewMetric.class)} does in KairosDB, making the same
 * calls on the same {@link JsonReader} in the same order, so that every syntax error carries Gson's exact text
 * (including line, column and path). Scalar fields, {@code value} and {@code tags} go through Gson's own adapters;
 * {@code datapoints} is read here, into a {@link PointBuffer} instead of a tree, with the call sequence of Gson's
 * array adapter around its {@code JsonElement} adapter.
 *
 * <p>Exceptions are translated as Gson's layers do: the reflective adapter wraps an {@code IllegalStateException} in
 * a {@code JsonSyntaxException}, and {@code fromJson} wraps every {@code IOException}; the message of such a wrapper
 * is the cause's {@code toString()}. An {@code IllegalArgumentException} passes through Gson and KairosDB answers it
 * with {@code Invalid JSON}. Not thread-safe: one instance per parse.
 */
final class KairosMetricReader {

  private static final Gson GSON = new Gson();
  private static final TypeAdapter<String> STRING = GSON.getAdapter(String.class);
  private static final TypeAdapter<Long> LONG = GSON.getAdapter(Long.class);
  private static final TypeAdapter<Integer> INT = GSON.getAdapter(int.class);
  private static final TypeAdapter<Boolean> BOOLEAN = GSON.getAdapter(boolean.class);
  private static final TypeAdapter<JsonElement> ELEMENT = GSON.getAdapter(JsonElement.class);
  private static final TypeAdapter<Map<String, String>> TAGS =
    GSON.getAdapter(new TypeToken<Map<String, String>>() { });

  private final KairosValues.Slot slot = new KairosValues.Slot();
  private final PointCounter counter;
  /** The element just read by {@link #readElement}. */
  private byte elementKind;
  private Object elementRef;

  /** Counts points against the request limit as they are read. */
  interface PointCounter {
    void add(int points) throws TooManyPointsException;
  }

  KairosMetricReader(PointCounter counter) {
    this.counter = counter;
  }

  /**
   * Reads the value at the reader's position into {@code m}, leniently as {@code fromJson} does.
   *
   * @throws KairosSyntaxException with KairosDB's message when Gson would fail
   */
  void read(JsonReader in, KairosMetric m) throws KairosSyntaxException, TooManyPointsException {
    m.reset();
    in.setLenient(true);
    try {
      if (in.peek() == JsonToken.NULL) {
        in.nextNull();
        m.isNull = true;
        return;
      }
      in.beginObject();
      while (in.hasNext()) {
        readField(in, in.nextName(), m);
      }
      in.endObject();
    } catch (IllegalStateException | IOException e) {
      throw new KairosSyntaxException(e.toString());
    } catch (JsonParseException e) {
      throw new KairosSyntaxException(e.getMessage());
    } catch (IllegalArgumentException e) {
      // A malformed unicode escape (NumberFormatException) leaves Gson unwrapped; KairosDB answers this text.
      throw new KairosSyntaxException("Invalid JSON");
    } finally {
      in.setLenient(false);
    }
    if (m.effectiveTimestamp() != null || m.value != null) {
      counter.add(1);
    }
  }

  private void readField(JsonReader in, String field, KairosMetric m) throws IOException, TooManyPointsException {
    switch (field) {
      case "name":
        m.name = STRING.read(in);
        break;
      case "timestamp":
        m.timestamp = LONG.read(in);
        break;
      case "time":
        m.time = LONG.read(in);
        break;
      case "value":
        m.value = ELEMENT.read(in);
        break;
      case "tags":
        m.tags = TAGS.read(in);
        break;
      case "datapoints":
        readDatapoints(in, m);
        break;
      case "type":
        m.type = STRING.read(in);
        break;
      case "skip_validate":
        // A null leaves a primitive field untouched, as Gson's bound fields do.
        Boolean skip = BOOLEAN.read(in);
        if (skip != null) {
          m.skipValidate = skip;
        }
        break;
      case "ttl":
        Integer ttl = INT.read(in);
        if (ttl != null) {
          m.ttl = ttl;
        }
        break;
      default:
        in.skipValue();
    }
  }

  /** {@code JsonElement[][]}: Gson's array adapter twice around its element adapter. */
  private void readDatapoints(JsonReader in, KairosMetric m) throws IOException, TooManyPointsException {
    PointBuffer points = m.points;
    points.clear();
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      m.hasDatapoints = false;
      return;
    }
    m.hasDatapoints = true;
    in.beginArray();
    while (in.hasNext()) {
      counter.add(1);
      if (in.peek() == JsonToken.NULL) {
        in.nextNull();
        points.add(PointBuffer.NULL_ENTRY);
        continue;
      }
      int i = points.add((byte) 0);
      int count = 0;
      in.beginArray();
      while (in.hasNext()) {
        readElement(in);
        if (count == 0) {
          setTimestamp(points, i);
        } else if (count == 1) {
          points.setValue(i, elementKind, elementRef);
        } else if (count == 2) {
          points.setType(i, KairosValues.asString(elementKind, elementRef));
        }
        count++;
      }
      in.endArray();
      points.setArity(i, (byte) Math.min(count, 3));
    }
    in.endArray();
  }

  /**
   * Gson's {@code JsonElement} adapter: primitives are read here with the calls it makes (a number through {@code
   * nextString()}, which keeps its text), arrays and objects by the adapter itself.
   */
  private void readElement(JsonReader in) throws IOException {
    switch (in.peek()) {
      case STRING:
        elementKind = KairosValues.KIND_STRING;
        elementRef = in.nextString();
        break;
      case NUMBER:
        elementKind = KairosValues.KIND_NUMBER;
        elementRef = in.nextString();
        break;
      case BOOLEAN:
        elementKind = KairosValues.KIND_BOOLEAN;
        elementRef = in.nextBoolean();
        break;
      case NULL:
        in.nextNull();
        elementKind = KairosValues.KIND_NULL;
        elementRef = null;
        break;
      default:
        JsonElement tree = ELEMENT.read(in);
        elementKind = KairosValues.kindOf(tree);
        elementRef = KairosValues.refOf(tree);
    }
  }

  /** KairosDB's {@code dataPoint[0].isJsonNull() ? null : dataPoint[0].getAsLong()}, decided now. */
  private void setTimestamp(PointBuffer points, int i) {
    if (elementKind == KairosValues.KIND_NULL) {
      points.setTimestamp(i, PointBuffer.TS_NULL, 0);
    } else if (KairosValues.toLong(elementKind, elementRef, false, slot)) {
      points.setTimestamp(i, PointBuffer.TS_OK, slot.longValue);
    } else {
      points.setTimestamp(i, PointBuffer.TS_INVALID, 0);
    }
  }
}

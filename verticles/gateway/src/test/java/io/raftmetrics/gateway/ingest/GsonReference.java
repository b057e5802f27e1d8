package io.raftmetrics.gateway.ingest;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;

/**
 * KairosDB's reading of an ingest body, done with Gson itself: the metric objects are bound by reflection to a class
 * shaped like KairosDB's {@code NewMetric}, inside the same strict outer loop. It tells which syntax error (if any)
 * KairosDB answers for a body, independently of the parser under test.
 */
final class GsonReference {

  private static final Gson GSON = new Gson();

  /** The fields and types of KairosDB's {@code NewMetric}. */
  @SuppressWarnings("unused")
  static final class Metric {
    String name;
    Long timestamp;
    Long time;
    JsonElement value;
    Map<String, String> tags;
    JsonElement[][] datapoints;
    @SerializedName("skip_validate")
    boolean skipValidate;
    String type;
    int ttl;
  }

  private GsonReference() {
  }

  /** @return KairosDB's message when reading the body fails, or null when every metric object reads */
  static String syntaxError(String body) {
    JsonReader reader = new JsonReader(new StringReader(body));
    try {
      JsonToken first = reader.peek();
      if (first == JsonToken.BEGIN_ARRAY) {
        try {
          reader.beginArray();
          while (reader.hasNext()) {
            readMetric(reader);
          }
        } catch (EOFException e) {
          // KairosDB reports it and carries on to the array's end
        }
        reader.endArray();
      } else if (first == JsonToken.BEGIN_OBJECT) {
        readMetric(reader);
      }
      return null;
    } catch (EOFException e) {
      return null;
    } catch (MalformedJsonException | JsonParseException e) {
      return e.getMessage();
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("KairosDB would answer 500 for this body", e);
    }
  }

  /** KairosDB's {@code parseMetric}: Gson's binding, with an {@code IllegalArgumentException} made generic. */
  private static void readMetric(JsonReader reader) {
    try {
      GSON.fromJson(reader, Metric.class);
    } catch (IllegalArgumentException e) {
      throw new JsonParseException("Invalid JSON");
    }
  }
}

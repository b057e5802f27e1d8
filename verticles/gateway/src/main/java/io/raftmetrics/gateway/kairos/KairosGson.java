package io.raftmetrics.gateway.kairos;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonDeserializer;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Gson binding KairosDB's query parser uses, rebuilt: snake_case field names, enums matched by their exact
 * lower-case name (anything else binds to null), and deserializers for time units, time zones, {@code trim} and
 * {@code filter_op} that throw {@link ContextualException} with KairosDB's texts. Converting a value through it gives
 * the same result, and for bad input the same exception text, as KairosDB. Thread-safe.
 */
final class KairosGson {

  /** {@code trim} aggregator modes. */
  enum TrimMode { FIRST, LAST, BOTH }

  /** {@code filter} aggregator operations. */
  enum FilterOp { LTE, LT, GTE, GT, EQUAL, NE }

  /** {@code score} aggregator order. */
  enum ScoreOrder { ASCENDING, DESCENDING }

  /** {@code score} threshold boundary. */
  enum Boundary { SUPERIOR, INFERIOR }

  /** {@code dev} aggregator result. */
  enum ReturnType { VALUE, POS_SD, NEG_SD }

  /** A validated {@code time_zone}: the java.time id to use. */
  record Zone(String id) {
  }

  static final Gson GSON = new GsonBuilder()
    .registerTypeAdapterFactory(new LowercaseEnums())
    .registerTypeAdapter(KairosTimeUnit.class, (JsonDeserializer<KairosTimeUnit>) (json, type, ctx) ->
      KairosTimeUnit.parse(json.getAsString()))
    .registerTypeAdapter(Zone.class, (JsonDeserializer<Zone>) (json, type, ctx) ->
      json.isJsonNull() ? null : new Zone(TimeZones.resolve(json.getAsString())))
    .registerTypeAdapter(TrimMode.class, (JsonDeserializer<TrimMode>) (json, type, ctx) ->
      named(TrimMode.class, json.getAsString(), "is not a valid trim type, must be 'first', 'last' or 'both'."))
    .registerTypeAdapter(FilterOp.class, (JsonDeserializer<FilterOp>) (json, type, ctx) ->
      named(FilterOp.class, json.getAsString(),
        "is not a valid trim type, must be 'lte', 'lt', 'gte', 'gt', 'equal' or 'ne'."))
    .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
    .create();

  private KairosGson() {
  }

  private static <E extends Enum<E>> E named(Class<E> type, String text, String message) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(text)) {
        return e;
      }
    }
    throw new ContextualException(text, message);
  }

  /** Binds enums by their lower-case name, as KairosDB does; an unknown name becomes null. */
  private static final class LowercaseEnums implements TypeAdapterFactory {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
      Class<? super T> raw = type.getRawType();
      if (!raw.isEnum()) {
        return null;
      }
      Map<String, T> byName = new HashMap<>();
      for (Object constant : raw.getEnumConstants()) {
        byName.put(((Enum) constant).name().toLowerCase(Locale.US), (T) constant);
      }
      return new TypeAdapter<T>() {
        @Override
        public void write(JsonWriter out, T value) throws IOException {
          out.value(value == null ? null : ((Enum) value).name().toLowerCase(Locale.US));
        }

        @Override
        public T read(JsonReader in) throws IOException {
          if (in.peek() == JsonToken.NULL) {
            in.nextNull();
            return null;
          }
          return byName.get(in.nextString());
        }
      };
    }
  }
}

package io.raftmetrics.gateway.kairos;

import com.google.gson.JsonElement;
import com.google.gson.annotations.SerializedName;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What KairosDB accepts in one aggregator or group-by object: the properties its class exposes as bean properties
 * (each bound through {@link KairosGson} to its Java type) and the class name its error messages print. A read-only
 * property (such as {@code class}, which every object has) is known but cannot be set.
 *
 * @param name the {@code name} value that selects the component
 * @param className the KairosDB class, for messages
 * @param kind how the component works
 * @param properties property name to binding, in no particular order
 */
record ComponentSpec(String name, String className, Kind kind, Map<String, Property> properties) {

  /** The families of components, each normalised by its own rules. */
  enum Kind { RANGE, RATE, SAMPLER, SIMPLE, GROUP_BY }

  /**
   * @param name snake_case property name
   * @param type Java type Gson binds the value to; null for read-only properties
   * @param setter the setter KairosDB calls, for its messages
   * @param primitive true if the setter takes a primitive (a JSON null cannot be set)
   */
  record Property(String name, Class<?> type, String setter, boolean primitive) {

    boolean writable() {
      return type != null;
    }
  }

  /** A {@code score} threshold as KairosDB binds it. */
  static final class Threshold {
    @SerializedName("value")
    double value;

    @SerializedName("boundary")
    KairosGson.Boundary boundary = KairosGson.Boundary.SUPERIOR;
  }

  /** Builds a spec; every component also has the read-only {@code class} property. */
  static final class Builder {
    private final String name;
    private final String className;
    private final Kind kind;
    private final Map<String, Property> properties = new LinkedHashMap<>();

    Builder(String name, String className, Kind kind) {
      this.name = name;
      this.className = className;
      this.kind = kind;
      readOnly("class");
    }

    Builder prop(String property, Class<?> type) {
      properties.put(property, new Property(property, type, setterOf(property), type.isPrimitive()));
      return this;
    }

    Builder readOnly(String property) {
      properties.put(property, new Property(property, null, null, false));
      return this;
    }

    /** The properties every range aggregator has. */
    Builder range() {
      return prop("sampling", QueryFields.Duration.class).prop("align_sampling", boolean.class)
        .prop("align_start_time", boolean.class).prop("align_end_time", boolean.class).prop("trim", boolean.class)
        .prop("start_time", long.class).prop("end_time", long.class).prop("time_zone", KairosGson.Zone.class);
    }

    ComponentSpec build() {
      return new ComponentSpec(name, className, kind, Map.copyOf(properties));
    }
  }

  /** {@code align_start_time} → {@code setAlignStartTime}. */
  static String setterOf(String property) {
    StringBuilder sb = new StringBuilder("set");
    boolean upper = true;
    for (char c : property.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }

  /** Types used by the specs that Gson binds generically. */
  static final Class<?> STRING_LIST = List.class;
  static final Class<?> JSON = JsonElement.class;
  static final Class<?> MAP = Map.class;
}

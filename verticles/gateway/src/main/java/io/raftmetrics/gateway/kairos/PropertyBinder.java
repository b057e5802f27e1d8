package io.raftmetrics.gateway.kairos;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSyntaxException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds the properties of an aggregator or group-by object the way KairosDB's {@code deserializeProperties} does:
 * in the object's key order, each value converted to the property's type by {@link KairosGson} and checked, the
 * first failure ending the request with KairosDB's message for it.
 */
final class PropertyBinder {

  private PropertyBinder() {
  }

  /**
   * @param context the object's message context, e.g. {@code query.metric[0].aggregators[1]}
   * @param object the JSON object
   * @param spec what the component accepts
   * @return the bound values by property name, in the object's order; a property it does not give is absent
   */
  static Map<String, Object> bind(String context, JsonObject object, ComponentSpec spec) throws QueryError {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : object.entrySet()) {
      String key = e.getKey();
      if (key.equals("name")) {
        continue;
      }
      ComponentSpec.Property p = spec.properties().get(key);
      if (p == null) {
        throw QueryError.of("Property '" + key + "' was specified for object '" + spec.name()
          + "' but no matching setter was found on 'class " + spec.className() + "'");
      }
      if (!p.writable()) {
        throw QueryError.of("Property '" + key + "' was specified for object '" + spec.name()
          + "' but no matching setter was found on '" + spec.className() + "'");
      }
      Object value = convert(context, key, e.getValue(), p.type());
      if (value == null && p.primitive()) {
        // KairosDB hands the null to a setter taking a primitive; reflection refuses it.
        throw QueryError.of("Call to " + spec.className() + ":" + p.setter() + " failed with message: null");
      }
      if (value instanceof QueryFields.Duration d) {
        List<String> violations = new ArrayList<>();
        d.check(context + "." + key, violations);
        if (!violations.isEmpty()) {
          throw new QueryError(400, violations);
        }
      }
      values.put(key, value);
    }
    return values;
  }

  private static Object convert(String context, String key, JsonElement json, Class<?> type) throws QueryError {
    try {
      return KairosGson.GSON.fromJson(json, type);
    } catch (ContextualException e) {
      throw QueryError.violation(context, e.context(), e.getMessage());
    } catch (NumberFormatException e) {
      throw QueryError.violation(context, key, e.getMessage());
    } catch (JsonSyntaxException e) {
      throw QueryError.of(e.getMessage());
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | ClassCastException e) {
      // KairosDB answers 500 here; the value simply has the wrong shape.
      throw QueryError.violation(context, key, "has an invalid value: " + json);
    }
  }
}

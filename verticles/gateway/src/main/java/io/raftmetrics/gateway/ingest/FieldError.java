package io.raftmetrics.gateway.ingest;

import io.vertx.core.json.JsonObject;

/**
 * One invalid field of a simple-API request, as listed in {@code details.fields} of a {@code VALIDATION_ERROR}.
 *
 * @param field the field's path, e.g. {@code metric_name} or {@code metrics[3].value}
 * @param error what is wrong with it
 */
public record FieldError(String field, String error) {

  /** @return {@code {"field":..., "error":...}} */
  public JsonObject toJson() {
    return new JsonObject().put("field", field).put("error", error);
  }
}

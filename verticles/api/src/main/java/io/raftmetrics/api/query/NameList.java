package io.raftmetrics.api.query;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** A sorted list of names (metric names, tag names or tag values). */
public record NameList(List<String> names) {

  public NameList {
    names = List.copyOf(names);
  }

  public JsonObject toJson() {
    return new JsonObject().put("names", new JsonArray(names));
  }

  public static NameList fromJson(JsonObject j) {
    return new NameList(Records.stringList(j.getJsonArray("names")));
  }
}

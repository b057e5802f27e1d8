package io.raftmetrics.gateway.kairos;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.raftmetrics.gateway.http.ApiErrors;
import io.raftmetrics.gateway.http.KairosResponses;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /api/v1/features} and {@code /features/{name}}: the metadata KairosDB 1.3 publishes about its
 * aggregators and group-bys, byte for byte as it answers (the bodies are kept as recorded, since our parser accepts
 * exactly those components).
 */
final class FeaturesHandler {

  private final String all = resource("features.json");
  private final String aggregators = resource("features-aggregators.json");
  private final String groupBy = groupByFeature(all);

  void all(RoutingContext ctx) {
    KairosResponses.ok(ctx).end(all);
  }

  void one(RoutingContext ctx) {
    String name = ctx.pathParam("feature");
    switch (name) {
      case "aggregators" -> KairosResponses.ok(ctx).end(aggregators);
      case "group_by" -> KairosResponses.ok(ctx).end(groupBy);
      default -> ApiErrors.kairos(ctx, 404, List.of("Unknown feature '" + name + "'"));
    }
  }

  /** The properties of the {@code group_by} feature, printed as KairosDB's Gson prints them (HTML-safe). */
  private static String groupByFeature(String all) {
    for (JsonElement f : JsonParser.parseString(all).getAsJsonArray()) {
      if (f.getAsJsonObject().get("name").getAsString().equals("group_by")) {
        return new Gson().toJson(f.getAsJsonObject().get("properties"));
      }
    }
    return new Gson().toJson(new JsonArray());
  }

  private static String resource(String name) {
    try (InputStream in = FeaturesHandler.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing from the gateway jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

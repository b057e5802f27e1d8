package io.raftmetrics.gateway.http;

import io.raftmetrics.gateway.ingest.FieldError;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * Error bodies in each API's own format: KairosDB's {@code {"errors":[...]}} under {@code /api/}, the RaftMetrics
 * envelope {@code {"error":true,"code":...,"message":...,"details":{...}}} elsewhere.
 */
public final class ApiErrors {

  public static final String JSON = "application/json; charset=utf-8";

  private ApiErrors() {
  }

  public static boolean isKairos(RoutingContext ctx) {
    return ctx.normalizedPath().startsWith("/api/");
  }

  /** Ends the response with one message in the format of the route's API. */
  public static void send(RoutingContext ctx, int status, String message) {
    if (isKairos(ctx)) {
      kairos(ctx, status, List.of(message));
    } else {
      simple(ctx, status, codeFor(status), message, null);
    }
  }

  public static void kairos(RoutingContext ctx, int status, List<String> messages) {
    end(ctx, status, new JsonObject().put("errors", new JsonArray(List.copyOf(messages))));
  }

  public static void simple(RoutingContext ctx, int status, String code, String message, JsonObject details) {
    JsonObject body = new JsonObject().put("error", true).put("code", code).put("message", message);
    if (details != null) {
      body.put("details", details);
    }
    end(ctx, status, body);
  }

  /** A RaftMetrics validation error listing the fields at fault. */
  public static void validation(RoutingContext ctx, List<FieldError> errors) {
    JsonArray fields = new JsonArray();
    errors.forEach(e -> fields.add(e.toJson()));
    String message = errors.size() == 1
      ? errors.get(0).field() + " " + errors.get(0).error() : errors.size() + " invalid fields";
    simple(ctx, 400, "VALIDATION_ERROR", message, new JsonObject().put("fields", fields));
  }

  public static String codeFor(int status) {
    switch (status) {
      case 400: return "INVALID_REQUEST";
      case 401: return "AUTH_ERROR";
      case 403: return "FORBIDDEN";
      case 404: return "NOT_FOUND";
      case 413: return "PAYLOAD_TOO_LARGE";
      case 503: return "UNAVAILABLE";
      case 504: return "TIMEOUT";
      default: return "INTERNAL_ERROR";
    }
  }

  private static void end(RoutingContext ctx, int status, JsonObject body) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    if (!response.headWritten()) {
      response.setStatusCode(status).putHeader("Content-Type", JSON);
    }
    response.end(body.encode());
  }
}

package io.raftmetrics.gateway.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** KairosDB's success headers ({@code MetricsResource.setHeaders}). */
public final class KairosResponses {

  private KairosResponses() {
  }

  public static HttpServerResponse ok(RoutingContext ctx) {
    return ctx.response()
      .putHeader("Content-Type", ApiErrors.JSON)
      .putHeader("Access-Control-Allow-Origin", "*")
      .putHeader("Pragma", "no-cache")
      .putHeader("Cache-Control", "no-cache")
      .putHeader("Expires", "0");
  }
}

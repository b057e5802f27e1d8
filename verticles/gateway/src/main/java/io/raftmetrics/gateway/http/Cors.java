package io.raftmetrics.gateway.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** KairosDB's CORS preflight answer: 200, any origin, the request's headers and method echoed, cached a day. */
public final class Cors {

  private Cors() {
  }

  public static void preflight(RoutingContext ctx) {
    HttpServerResponse r = ctx.response().setStatusCode(200)
      .putHeader("Access-Control-Allow-Origin", "*")
      .putHeader("Access-Control-Max-Age", "86400");
    String headers = ctx.request().getHeader("Access-Control-Request-Headers");
    if (headers != null) {
      r.putHeader("Access-Control-Allow-Headers", headers);
    }
    String method = ctx.request().getHeader("Access-Control-Request-Method");
    if (method != null) {
      // KairosDB sends the header with an underscore; standard clients need the hyphenated one.
      r.putHeader("Access-Control-Allow_Method", method);
      r.putHeader("Access-Control-Allow-Methods", method);
    }
    r.end();
  }
}

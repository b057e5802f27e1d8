package io.raftmetrics.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * KairosDB's informational endpoints: {@code /api/v1/version}, {@code /health/check}, {@code /health/status} and
 * {@code /metricnames}, with KairosDB's bodies and status codes.
 */
public final class KairosInfoHandlers {

  private final String version;
  private final Shards shards;

  public KairosInfoHandlers(String version, Shards shards) {
    this.version = version;
    this.shards = shards;
  }

  public void version(RoutingContext ctx) {
    // KairosDB writes this body by hand, with a space after the colon and a newline.
    KairosResponses.ok(ctx).end("{\"version\": \"" + version.replace("\"", "'") + "\"}\n");
  }

  public void metricNames(RoutingContext ctx) {
    // KairosDB answers 500 for an empty prefix; all names is what the caller means.
    String prefix = ctx.request().getParam("prefix");
    shards.metricNames(prefix).onComplete(ar -> {
      if (ar.failed()) {
        Bus.Failure f = Bus.failure(ar.cause());
        ApiErrors.kairos(ctx, f.status(), List.of(f.message()));
      } else {
        KairosResponses.ok(ctx).end(new JsonObject().put("results", new JsonArray(ar.result())).encode());
      }
    });
  }

  /** 204 when every check passes, 500 otherwise (KairosDB's {@code healthyResponseCode} and failure code). */
  public void check(RoutingContext ctx) {
    checks().onComplete(ar -> {
      boolean ok = ar.succeeded() && ar.result().stream().allMatch(s -> s.endsWith(": OK"));
      KairosResponses.ok(ctx).setStatusCode(ok ? 204 : 500).end();
    });
  }

  public void status(RoutingContext ctx) {
    checks().onComplete(ar -> KairosResponses.ok(ctx).end(new JsonArray(ar.result()).encode()));
  }

  /** The same two checks KairosDB reports: thread deadlocks and a real datastore query. */
  private Future<List<String>> checks() {
    long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
    String jvm = "JVM-Thread-Deadlock: " + (deadlocked == null ? "OK" : "FAIL");
    return shards.metricNames("\u0000")
      .map(names -> List.of(jvm, "Datastore-Query: OK"))
      .otherwise(err -> List.of(jvm, "Datastore-Query: FAIL"));
  }
}

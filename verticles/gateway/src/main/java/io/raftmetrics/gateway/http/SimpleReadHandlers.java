package io.raftmetrics.gateway.http;

import io.raftmetrics.api.query.AggregateRequest;
import io.raftmetrics.api.query.AggregateResult;
import io.raftmetrics.api.query.LatestPoint;
import io.raftmetrics.api.query.LatestRequest;
import io.raftmetrics.gateway.ingest.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads of the simple analytics API: {@code GET /metrics/{name}} (latest point), {@code GET /aggregate} and
 * {@code GET /metrics/{name}/aggregate}. Each goes to the query role of the metric's shard: the replica in this JVM
 * if there is one, else any replica ({@link Bus#requestPreferLocal}); {@code consistency=linearizable} makes that
 * replica wait for Raft's read index first.
 */
public final class SimpleReadHandlers {

  private final Bus bus;
  private final Shards shards;

  public SimpleReadHandlers(Bus bus, Shards shards) {
    this.bus = bus;
    this.shards = shards;
  }

  public void latest(RoutingContext ctx) {
    String metric = ctx.pathParam("name");
    List<FieldError> errors = new ArrayList<>();
    Map<String, String> tags = AggregateParams.tags(ctx.request().getParam("tags"), errors);
    if (!errors.isEmpty()) {
      ApiErrors.validation(ctx, errors);
      return;
    }
    boolean linearizable = "linearizable".equalsIgnoreCase(ctx.request().getParam("consistency"));
    bus.<LatestPoint>requestPreferLocal(shards.queryAddress(metric), new LatestRequest(metric, tags, linearizable))
      .onComplete(ar -> {
        if (ar.failed()) {
          fail(ctx, ar.cause(), metric);
          return;
        }
        LatestPoint p = ar.result();
        json(ctx, new JsonObject().put("metric_name", p.metric()).put("value", p.value())
          .put("timestamp", Iso.format(p.timestamp())).put("tags", new JsonObject(Map.copyOf(p.tags()))));
      });
  }

  public void aggregate(RoutingContext ctx) {
    AggregateParams.Parsed parsed = AggregateParams.parse(ctx.request().params(), ctx.pathParam("name"));
    if (!parsed.errors().isEmpty()) {
      ApiErrors.validation(ctx, parsed.errors());
      return;
    }
    AggregateRequest req = parsed.request();
    bus.<AggregateResult>requestPreferLocal(shards.queryAddress(req.metric()), req).onComplete(ar -> {
      if (ar.failed()) {
        fail(ctx, ar.cause(), req.metric());
      } else {
        json(ctx, render(req, ar.result()));
      }
    });
  }

  static JsonObject render(AggregateRequest req, AggregateResult r) {
    JsonObject body = new JsonObject().put("metric", req.metric())
      .put("from", req.from() == Long.MIN_VALUE ? null : Iso.format(req.from()))
      .put("to", req.to() == Long.MAX_VALUE ? null : Iso.format(req.to()))
      .put("aggregations", new JsonObject(new LinkedHashMap<>(r.aggregations())));
    if (req.windowMs() > 0) {
      body.put("window_ms", req.windowMs()).put("windows", windows(r.windows()));
    }
    if (!req.groupBy().isEmpty()) {
      JsonArray groups = new JsonArray();
      for (AggregateResult.Group g : r.groups()) {
        JsonObject group = new JsonObject().put("tags", new JsonObject(new LinkedHashMap<>(g.tags())))
          .put("aggregations", new JsonObject(new LinkedHashMap<>(g.aggregations())));
        if (req.windowMs() > 0) {
          group.put("windows", windows(g.windows()));
        }
        groups.add(group);
      }
      body.put("groups", groups);
    }
    return body;
  }

  private static JsonArray windows(List<AggregateResult.Window> windows) {
    JsonArray out = new JsonArray();
    for (AggregateResult.Window w : windows) {
      JsonObject o = new JsonObject().put("start", Iso.format(w.start())).put("end", Iso.format(w.end()));
      w.aggregations().forEach(o::put);
      out.add(o);
    }
    return out;
  }

  private static void fail(RoutingContext ctx, Throwable err, String metric) {
    Bus.Failure f = Bus.failure(err);
    if (f.status() == 404) {
      ApiErrors.simple(ctx, 404, "NOT_FOUND", "metric '" + metric + "' not found", null);
    } else {
      ApiErrors.simple(ctx, f.status(), ApiErrors.codeFor(f.status()), f.message(), null);
    }
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", ApiErrors.JSON).end(body.encode());
  }
}

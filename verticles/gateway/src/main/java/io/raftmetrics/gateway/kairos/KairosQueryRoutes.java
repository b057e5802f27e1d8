package io.raftmetrics.gateway.kairos;

import io.raftmetrics.gateway.GatewayConfig;
import io.raftmetrics.gateway.auth.BearerAuth;
import io.raftmetrics.gateway.auth.Scope;
import io.raftmetrics.gateway.http.Bus;
import io.raftmetrics.gateway.http.Shards;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * KairosDB's read and delete API: {@code /api/v1/datapoints/query} (POST, and GET with {@code ?query=}),
 * {@code /datapoints/query/tags}, {@code /datapoints/delete}, {@code DELETE /metric/{name}}, {@code /tagnames},
 * {@code /tagvalues} and {@code /features}. The gateway parses and validates; each metric of a query runs on the
 * query role of its shard, deletes go through the Raft log of the metric's shard.
 */
public final class KairosQueryRoutes {

  private final QueryHandlers queries;
  private final TagListHandlers tagLists;
  private final FeaturesHandler features = new FeaturesHandler();

  /**
   * @param conf the gateway's configuration (the routes need nothing from it yet; kept so that per-route settings
   *   can be added without changing the call in {@code Routes})
   * @param bus the gateway's event-bus client (timeouts and failure mapping)
   * @param shards routing of a metric to its shard, and the shard count for fan-outs
   */
  public KairosQueryRoutes(GatewayConfig conf, Bus bus, Shards shards) {
    this.queries = new QueryHandlers(bus, shards);
    this.tagLists = new TagListHandlers(bus, shards);
  }

  /**
   * Adds the routes. Queries, tags, tag lists and features need the {@code read} scope, deletes {@code delete}.
   *
   * @param router the gateway's router
   * @param auth the bearer-token checks
   * @param bodyHandler the body handler (with the gateway's body limit) for routes that read a body
   */
  public void register(Router router, BearerAuth auth, Handler<RoutingContext> bodyHandler) {
    Handler<RoutingContext> read = auth.require(Scope.READ);
    Handler<RoutingContext> delete = auth.require(Scope.DELETE);
    router.post("/api/v1/datapoints/query").handler(read).handler(bodyHandler).handler(queries::postQuery);
    router.get("/api/v1/datapoints/query").handler(read).handler(queries::getQuery);
    router.post("/api/v1/datapoints/query/tags").handler(read).handler(bodyHandler).handler(queries::queryTags);
    router.post("/api/v1/datapoints/delete").handler(delete).handler(bodyHandler).handler(queries::delete);
    router.delete("/api/v1/metric/:name").handler(delete).handler(queries::deleteMetric);
    router.get("/api/v1/tagnames").handler(read).handler(tagLists::tagNames);
    router.get("/api/v1/tagvalues").handler(read).handler(tagLists::tagValues);
    router.get("/api/v1/features").handler(read).handler(features::all);
    router.get("/api/v1/features/:feature").handler(read).handler(features::one);
  }
}

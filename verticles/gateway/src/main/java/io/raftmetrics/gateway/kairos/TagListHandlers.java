package io.raftmetrics.gateway.kairos;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.kairos.TagNamesRequest;
import io.raftmetrics.api.kairos.TagValuesRequest;
import io.raftmetrics.api.query.NameList;
import io.raftmetrics.gateway.http.Bus;
import io.raftmetrics.gateway.http.KairosResponses;
import io.raftmetrics.gateway.http.Shards;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code GET /api/v1/tagnames} and {@code /tagvalues} (KairosDB 1.3 removed them and answers 404; older clients
 * and Grafana's tag pickers use them): {@code {"results":[...]}}, sorted. Optional parameters: {@code metric}
 * (only its shard is asked), {@code tag} (tag values of that tag name only) and {@code prefix}.
 */
final class TagListHandlers {

  private final Bus bus;
  private final Shards shards;

  TagListHandlers(Bus bus, Shards shards) {
    this.bus = bus;
    this.shards = shards;
  }

  void tagNames(RoutingContext ctx) {
    String metric = param(ctx, "metric");
    answer(ctx, ask(metric, new TagNamesRequest(metric, param(ctx, "prefix"))));
  }

  void tagValues(RoutingContext ctx) {
    String metric = param(ctx, "metric");
    answer(ctx, ask(metric, new TagValuesRequest(metric, param(ctx, "tag"), param(ctx, "prefix"))));
  }

  /** The metric's shard only when a metric is given, every shard otherwise; merged and sorted. */
  private Future<List<String>> ask(String metric, Object request) {
    List<Future<NameList>> parts = new ArrayList<>();
    if (metric != null) {
      parts.add(bus.request(shards.queryAddress(metric), request));
    } else {
      for (int s = 0; s < shards.count(); s++) {
        parts.add(bus.request(Addresses.queryShard(s), request));
      }
    }
    return Future.all(parts).map(all -> {
      TreeSet<String> names = new TreeSet<>();
      parts.forEach(f -> names.addAll(f.result().names()));
      return new ArrayList<>(names);
    });
  }

  private static void answer(RoutingContext ctx, Future<List<String>> names) {
    names.onSuccess(list -> KairosResponses.ok(ctx).end(new JsonObject().put("results", new JsonArray(list)).encode()))
      .onFailure(err -> MetricFanout.fail(ctx, err));
  }

  private static String param(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    return v == null || v.isEmpty() ? null : v;
  }
}

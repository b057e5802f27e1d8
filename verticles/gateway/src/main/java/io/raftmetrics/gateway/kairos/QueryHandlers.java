package io.raftmetrics.gateway.kairos;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.api.kairos.KairosMetricQuery;
import io.raftmetrics.api.kairos.KairosQuery;
import io.raftmetrics.api.kairos.KairosTagsQuery;
import io.raftmetrics.api.kairos.RenderedJson;
import io.raftmetrics.api.log.DeleteEntry;
import io.raftmetrics.gateway.http.ApiErrors;
import io.raftmetrics.gateway.http.Bus;
import io.raftmetrics.gateway.http.KairosResponses;
import io.raftmetrics.gateway.http.Shards;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The handlers of the query JSON endpoints: {@code /datapoints/query} (POST and GET), {@code /datapoints/query/tags},
 * {@code /datapoints/delete}, and {@code DELETE /metric/{name}}. Small bodies are parsed on the event loop (a few
 * microseconds); large ones on a worker thread.
 */
final class QueryHandlers {

  private static final int INLINE_PARSE_CHARS = 64 * 1024;

  private final KairosQueryParser parser = new KairosQueryParser();
  private final Bus bus;
  private final Shards shards;

  QueryHandlers(Bus bus, Shards shards) {
    this.bus = bus;
    this.shards = shards;
  }

  void postQuery(RoutingContext ctx) {
    parsed(ctx, body(ctx), metrics -> query(ctx, metrics));
  }

  void getQuery(RoutingContext ctx) {
    parsed(ctx, ctx.request().getParam("query"), metrics -> query(ctx, metrics));
  }

  private void query(RoutingContext ctx, List<KairosMetricQuery> metrics) {
    boolean linearizable = "linearizable".equalsIgnoreCase(ctx.request().getParam("consistency"));
    MetricFanout.run(metrics, m -> bus.<RenderedJson>request(shards.queryAddress(m.name()),
        new KairosQuery(m, linearizable)))
      .onSuccess(fragments -> MetricFanout.respond(ctx, fragments))
      .onFailure(err -> MetricFanout.fail(ctx, err));
  }

  void queryTags(RoutingContext ctx) {
    parsed(ctx, body(ctx), metrics -> MetricFanout.run(metrics,
        m -> bus.<RenderedJson>request(shards.queryAddress(m.name()), new KairosTagsQuery(m)))
      .onSuccess(fragments -> MetricFanout.respond(ctx, fragments))
      .onFailure(err -> MetricFanout.fail(ctx, err)));
  }

  /** Deletes what each metric of the query selects (aggregators and group-bys are ignored, as in KairosDB). */
  void delete(RoutingContext ctx) {
    parsed(ctx, body(ctx), metrics -> {
      List<Future<IngestAck>> acks = new ArrayList<>(metrics.size());
      for (KairosMetricQuery m : metrics) {
        acks.add(bus.request(Addresses.LOG_SUBMIT, new DeleteEntry(m.name(), m.tags(), m.startMs(), m.endMs())));
      }
      answerDeletes(ctx, acks);
    });
  }

  /** Deletes every point of a metric and its name (KairosDB answers 204 for an unknown metric too). */
  void deleteMetric(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    answerDeletes(ctx, List.of(bus.request(Addresses.LOG_SUBMIT,
      new DeleteEntry(name, Map.of(), Long.MIN_VALUE, Long.MAX_VALUE))));
  }

  private static void answerDeletes(RoutingContext ctx, List<Future<IngestAck>> acks) {
    Future.join(acks).onComplete(ar -> {
      for (Future<IngestAck> f : acks) {
        if (f.failed()) {
          MetricFanout.fail(ctx, f.cause());
          return;
        }
      }
      KairosResponses.ok(ctx).setStatusCode(204).end();
    });
  }

  private static String body(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString();
  }

  private void parsed(RoutingContext ctx, String json, Consumer<List<KairosMetricQuery>> then) {
    long now = System.currentTimeMillis();
    if (json == null || json.length() <= INLINE_PARSE_CHARS) {
      Object result = parse(json, now);
      dispatch(ctx, result, then);
      return;
    }
    ctx.vertx().executeBlocking(() -> parse(json, now), false).onComplete(ar -> {
      if (ar.failed()) {
        ApiErrors.kairos(ctx, 500, List.of("query parsing failed: " + ar.cause()));
      } else {
        dispatch(ctx, ar.result(), then);
      }
    });
  }

  private Object parse(String json, long now) {
    try {
      return parser.parse(json, now);
    } catch (QueryError e) {
      return e;
    }
  }

  @SuppressWarnings("unchecked")
  private static void dispatch(RoutingContext ctx, Object result, Consumer<List<KairosMetricQuery>> then) {
    if (result instanceof QueryError e) {
      ApiErrors.kairos(ctx, e.status(), e.messages());
    } else {
      then.accept((List<KairosMetricQuery>) result);
    }
  }
}

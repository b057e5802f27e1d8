package io.raftmetrics.gateway.kairos;

import io.raftmetrics.api.kairos.KairosMetricQuery;
import io.raftmetrics.api.kairos.RenderedJson;
import io.raftmetrics.gateway.http.ApiErrors;
import io.raftmetrics.gateway.http.Bus;
import io.raftmetrics.gateway.http.KairosResponses;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one request per metric of a query and assembles KairosDB's {@code {"queries":[...]}} from the fragments the
 * query roles rendered, in request order. Metrics run in parallel, except when one of them saves its results
 * ({@code save_as}): then they run one after the other, as in KairosDB, so a later metric sees what an earlier one
 * wrote. The first failing metric (in request order) decides the error answer.
 */
final class MetricFanout {

  private MetricFanout() {
  }

  static Future<List<RenderedJson>> run(List<KairosMetricQuery> metrics,
                                        Function<KairosMetricQuery, Future<RenderedJson>> call) {
    boolean sequential = metrics.stream().anyMatch(m -> m.aggregators().stream()
      .anyMatch(a -> "save_as".equals(a.getString("name"))));
    if (sequential) {
      List<RenderedJson> out = new ArrayList<>(metrics.size());
      Future<Void> chain = Future.succeededFuture();
      for (KairosMetricQuery m : metrics) {
        chain = chain.compose(v -> call.apply(m).map(r -> {
          out.add(r);
          return null;
        }));
      }
      return chain.map(v -> out);
    }
    List<Future<RenderedJson>> parts = new ArrayList<>(metrics.size());
    for (KairosMetricQuery m : metrics) {
      parts.add(call.apply(m));
    }
    return Future.join(parts).transform(ar -> {
      for (Future<RenderedJson> f : parts) {
        if (f.failed()) {
          return Future.failedFuture(f.cause());
        }
      }
      return Future.succeededFuture(parts.stream().map(Future::result).toList());
    });
  }

  /** Answers {@code {"queries":[f1,f2,...]}} with KairosDB's success headers. */
  static void respond(RoutingContext ctx, List<RenderedJson> fragments) {
    Buffer body = Buffer.buffer(64 + fragments.stream().mapToInt(f -> f.utf8().length + 1).sum());
    body.appendString("{\"queries\":[");
    for (int i = 0; i < fragments.size(); i++) {
      if (i > 0) {
        body.appendByte((byte) ',');
      }
      body.appendBytes(fragments.get(i).utf8());
    }
    body.appendString("]}");
    KairosResponses.ok(ctx).end(body);
  }

  /**
   * Answers a failed cluster call in KairosDB's error format. A query over its limits (422 on the event bus) is a
   * 400 for KairosDB clients, which know no other client error.
   */
  static void fail(RoutingContext ctx, Throwable err) {
    Bus.Failure f = Bus.failure(err);
    int status = f.status() == 422 ? 400 : f.status();
    ApiErrors.kairos(ctx, status, List.of(f.message()));
  }
}

package io.raftmetrics.query.kairos;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.kairos.KairosQuery;
import io.raftmetrics.api.kairos.KairosTagsQuery;
import io.raftmetrics.api.kairos.RenderedJson;
import io.raftmetrics.api.kairos.TagNamesRequest;
import io.raftmetrics.api.kairos.TagValuesRequest;
import io.raftmetrics.query.ShardReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The KairosDB requests of the query role: {@link KairosQuery} (reply: the metric's rendered {@code queries[]}
 * element), {@link KairosTagsQuery} (its {@code /query/tags} element), {@link TagNamesRequest} and
 * {@link TagValuesRequest} (reply: {@code NameList}). Runs on the query verticle's worker context, which owns the
 * {@link ShardReader}. Points a {@code save_as} recorded are ingested through {@link Addresses#INGEST_WRITE} before
 * the reply, so a following query sees them (KairosDB queues them; its recorded answers show them at once).
 * Failures: 400 invalid at run time (e.g. {@code rate} over equal timestamps), 422 over a limit, 500 otherwise.
 */
public final class KairosQueryService {

  private static final Logger LOG = LoggerFactory.getLogger(KairosQueryService.class);

  private final Vertx vertx;
  private final KairosLimits limits;
  private final BiConsumer<String, Long> latency;

  /**
   * @param latency receives the operation name and its duration in nanoseconds
   */
  public KairosQueryService(Vertx vertx, KairosLimits limits, BiConsumer<String, Long> latency) {
    this.vertx = vertx;
    this.limits = limits;
    this.latency = latency;
  }

  /** @return true for the request types this service answers */
  public static boolean handles(Object body) {
    return body instanceof KairosQuery || body instanceof KairosTagsQuery || body instanceof TagNamesRequest
      || body instanceof TagValuesRequest;
  }

  /** Answers a request for which {@link #handles} is true. */
  public void handle(ShardReader reader, Message<Object> msg) {
    long started = System.nanoTime();
    Object body = msg.body();
    try {
      if (body instanceof KairosQuery q) {
        query(reader, msg, q, started);
        return;
      }
      Object reply;
      if (body instanceof KairosTagsQuery q) {
        reply = RenderedJson.of(reader.read(r -> TagQueries.queryTags(r, q.query())));
      } else if (body instanceof TagNamesRequest r) {
        reply = TagQueries.tagNames(reader.catalog(), r);
      } else {
        reply = TagQueries.tagValues(reader.catalog(), (TagValuesRequest) body);
      }
      latency.accept("kairos_tags", System.nanoTime() - started);
      msg.reply(reply);
    } catch (Exception e) {
      fail(msg, e);
    }
  }

  private void query(ShardReader reader, Message<Object> msg, KairosQuery q, long started) throws SQLException {
    long now = System.currentTimeMillis();
    QueryBudget budget = limits.budget();
    KairosQueryEngine.Result result = reader.read(r -> KairosQueryEngine.run(r, q.query(), budget, now));
    RenderedJson json = RenderedJson.of(result.json());
    if (result.saves().isEmpty()) {
      latency.accept("kairos_query", System.nanoTime() - started);
      msg.reply(json);
      return;
    }
    List<Future<Object>> acks = new ArrayList<>();
    for (IngestBatch batch : SaveBatches.of(result.saves(), limits.totalShards(), now)) {
      acks.add(vertx.eventBus().request(Addresses.INGEST_WRITE, batch).map(m -> m.body()));
    }
    Future.all(acks).onComplete(ar -> {
      latency.accept("kairos_query", System.nanoTime() - started);
      if (ar.succeeded()) {
        msg.reply(json);
      } else {
        Throwable cause = ar.cause();
        int code = cause instanceof ReplyException re && re.failureCode() > 0 ? re.failureCode()
          : ErrorCode.UNAVAILABLE.code();
        msg.fail(code, "save_as could not store its points: " + cause.getMessage());
      }
    });
  }

  private static void fail(Message<Object> msg, Exception e) {
    if (e instanceof KairosQueryException k) {
      msg.fail(k.code().code(), k.getMessage());
    } else if (e instanceof SQLTimeoutException) {
      msg.fail(ErrorCode.LIMIT_EXCEEDED.code(), "Query exceeded the time limit of the store");
    } else {
      LOG.warn("KairosDB query failed", e);
      msg.fail(ErrorCode.INTERNAL.code(), "query failed: " + e.getMessage());
    }
  }
}

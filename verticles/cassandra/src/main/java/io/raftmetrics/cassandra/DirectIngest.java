package io.raftmetrics.cassandra;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.cassandra.write.Failures;
import io.raftmetrics.cassandra.write.KairosWriter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct mode: serves {@link Addresses#INGEST_WRITE} and replies {@link IngestAck} once Cassandra acknowledged every
 * row of the batch at the write consistency (503 when Cassandra is unavailable, 504 on timeouts, 400 for a batch
 * KairosDB could not store).
 *
 * <p>Requests that arrive while {@code batch.max_windows_in_flight} writes are under way wait and then go out
 * together as one write: an idle system answers at once, a busy one sends bigger single-partition batches. The wait
 * is bounded: beyond ten windows' worth of queued points new requests get 503.
 */
public final class DirectIngest implements IngestMode {

  private final Vertx vertx;
  private final KairosWriter writer;
  private final CassandraConfig.Batching batching;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private MessageConsumer<IngestBatch> consumer;
  private long pendingPoints;
  private int windowsInFlight;
  private long acknowledged;

  private record Pending(Message<IngestBatch> message, IngestBatch batch) {
  }

  public DirectIngest(Vertx vertx, KairosWriter writer, CassandraConfig.Batching batching) {
    this.vertx = vertx;
    this.writer = writer;
    this.batching = batching;
  }

  @Override
  public Future<Void> start() {
    consumer = vertx.eventBus().consumer(Addresses.INGEST_WRITE, this::handle);
    return consumer.completion();
  }

  /** Stops taking requests; those still waiting for a write slot get 503 so the client retries elsewhere. */
  @Override
  public Future<Void> stop() {
    Pending p;
    while ((p = pending.poll()) != null) {
      p.message.fail(ErrorCode.UNAVAILABLE.code(), "cassandra role stopping");
    }
    pendingPoints = 0;
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  @Override
  public JsonObject status() {
    return new JsonObject().put("queued_points", pendingPoints).put("writes_in_flight", windowsInFlight)
      .put("acknowledged_batches", acknowledged);
  }

  private void handle(Message<IngestBatch> msg) {
    Object body = msg.body();
    if (!(body instanceof IngestBatch)) {
      msg.fail(ErrorCode.BAD_REQUEST.code(), "expected an IngestBatch, got "
        + (body == null ? "nothing" : body.getClass().getSimpleName()));
      return;
    }
    IngestBatch batch = (IngestBatch) body;
    String problem = writer.validate(batch);
    if (problem != null) {
      msg.fail(ErrorCode.BAD_REQUEST.code(), problem);
      return;
    }
    if (pendingPoints > 10L * batching.maxWindowPoints()) {
      msg.fail(ErrorCode.UNAVAILABLE.code(), "cassandra ingest overloaded: " + pendingPoints + " points queued");
      return;
    }
    pending.add(new Pending(msg, batch));
    pendingPoints += batch.pointCount();
    dispatch();
  }

  private void dispatch() {
    while (windowsInFlight < batching.maxWindowsInFlight() && !pending.isEmpty()) {
      List<Pending> window = new ArrayList<>();
      long points = 0;
      while (!pending.isEmpty()
        && (window.isEmpty() || points + pending.peek().batch.pointCount() <= batching.maxWindowPoints())) {
        Pending p = pending.poll();
        window.add(p);
        points += p.batch.pointCount();
      }
      pendingPoints -= points;
      windowsInFlight++;
      List<IngestBatch> batches = new ArrayList<>(window.size());
      window.forEach(p -> batches.add(p.batch));
      writer.write(batches, false).onComplete(ar -> {
        windowsInFlight--;
        for (Pending p : window) {
          if (ar.succeeded()) {
            acknowledged++;
            p.message.reply(new IngestAck(p.batch.shard(), -1, p.batch.pointCount(), false));
          } else {
            p.message.fail(Failures.code(ar.cause()).code(), "cassandra write failed: " + ar.cause().getMessage());
          }
        }
        dispatch();
      });
    }
  }
}

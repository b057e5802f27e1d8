package io.raftmetrics.cassandra.write;

import com.datastax.oss.driver.api.core.cql.Statement;
import io.raftmetrics.cassandra.CassandraConfig;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs statements with at most {@code maxInFlight} of them at Cassandra at once, and retries the transient
 * failures ({@link Failures#retryable}) with exponential backoff and jitter. Queued statements wait in FIFO order.
 *
 * <p>Confined to the verticle's event loop: submit only from its context (the Vert.x Cassandra client completes on
 * the calling context, so completions come back to it too).
 */
final class CqlExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(CqlExecutor.class);

  /** Attempts that mean "until it succeeds" (replicated mode must never skip an entry). */
  static final int FOREVER = Integer.MAX_VALUE;

  private final Vertx vertx;
  private final CassandraClient client;
  private final int maxInFlight;
  private final CassandraConfig.Retry retry;
  private final WriteMetrics metrics;
  private final ArrayDeque<Task> queue = new ArrayDeque<>();
  private int inFlight;
  private boolean closed;
  /** Set from the first transient failure until the next success, so an outage logs two lines, not thousands. */
  private long failingSince;
  private long retriesWhileFailing;

  CqlExecutor(Vertx vertx, CassandraClient client, int maxInFlight, CassandraConfig.Retry retry, WriteMetrics metrics) {
    this.vertx = vertx;
    this.client = client;
    this.maxInFlight = maxInFlight;
    this.retry = retry;
    this.metrics = metrics;
  }

  /**
   * @param maxAttempts attempts before giving up on a transient failure; {@link #FOREVER} to never give up
   * @return completes when Cassandra acknowledged the statement at its consistency level
   */
  Future<Void> submit(Statement<?> statement, int maxAttempts) {
    Task t = new Task(statement, maxAttempts);
    if (closed) {
      return Future.failedFuture(new StoppedException());
    }
    queue.add(t);
    drain();
    return t.promise.future();
  }

  /** Fails what is queued and stops retrying; statements at Cassandra finish on their own. */
  void close() {
    closed = true;
    Task t;
    while ((t = queue.poll()) != null) {
      t.promise.tryFail(new StoppedException());
    }
  }

  int queued() {
    return queue.size();
  }

  private void drain() {
    while (inFlight < maxInFlight && !queue.isEmpty()) {
      Task t = queue.poll();
      inFlight++;
      t.attempt++;
      client.execute(t.statement).onComplete(ar -> {
        inFlight--;
        if (ar.succeeded()) {
          if (failingSince != 0) {
            LOG.info("Cassandra writes succeed again after {} ms and {} retries", System.currentTimeMillis()
              - failingSince, retriesWhileFailing);
            failingSince = 0;
            retriesWhileFailing = 0;
          }
          t.promise.complete();
        } else {
          failed(t, ar.cause());
        }
        drain();
      });
    }
  }

  private void failed(Task t, Throwable cause) {
    metrics.error(Failures.kind(cause));
    if (closed || t.attempt >= t.maxAttempts || !Failures.retryable(cause)) {
      t.promise.fail(Failures.unwrap(cause));
      return;
    }
    metrics.retry();
    retriesWhileFailing++;
    if (failingSince == 0) {
      failingSince = System.currentTimeMillis();
      LOG.warn("Cassandra writes failing, retrying with backoff: {}", Failures.unwrap(cause).toString());
    }
    vertx.setTimer(backoffMs(t.attempt), id -> {
      if (closed) {
        t.promise.tryFail(new StoppedException());
      } else {
        queue.addFirst(t);
        drain();
      }
    });
  }

  private long backoffMs(int attempt) {
    double base = retry.initialBackoffMs() * Math.pow(2, Math.min(attempt - 1, 30));
    double capped = Math.min(base, retry.maxBackoffMs());
    // +-20 % so that statements failing together do not retry in lockstep.
    return Math.max(1, (long) (capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
  }

  /** The writer was stopped before the statement reached Cassandra. */
  static final class StoppedException extends RuntimeException {
    StoppedException() {
      super("cassandra writer stopped", null, false, false);
    }
  }

  private static final class Task {
    final Statement<?> statement;
    final int maxAttempts;
    final Promise<Void> promise = Promise.promise();
    int attempt;

    Task(Statement<?> statement, int maxAttempts) {
      this.statement = statement;
      this.maxAttempts = maxAttempts;
    }
  }
}

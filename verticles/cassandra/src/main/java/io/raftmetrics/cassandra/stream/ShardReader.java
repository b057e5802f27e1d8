package io.raftmetrics.cassandra.stream;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.log.StreamChunk;
import io.raftmetrics.api.log.StreamRead;
import io.raftmetrics.cassandra.CassandraConfig;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Reads one shard's committed stream ({@link Addresses#STREAM_READ}) ahead of its tailer: keeps up to
 * {@code stream.max_entries} entries buffered, asks again every {@code stream.poll_interval_ms} once caught up, backs
 * off while the raft role does not answer, and reports entries purged from the log before they were read.
 * Confined to the verticle's event loop.
 */
final class ShardReader {

  private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);

  private final Vertx vertx;
  private final int shard;
  private final CassandraConfig config;
  private final TailerMetrics metrics;
  private final Runnable onEntries;
  private final Consumer<String> onError;
  private final ArrayDeque<StreamChunk.Entry> buffer = new ArrayDeque<>();
  private long nextFetch;
  private long commitIndex;
  private long caughtUpTo;
  private long purged;
  private int failures;
  private boolean fetching;
  private boolean stopped;

  /**
   * @param onEntries called after new entries were buffered
   * @param onError told about read failures and purged entries
   */
  ShardReader(Vertx vertx, int shard, CassandraConfig config, TailerMetrics metrics, Runnable onEntries,
              Consumer<String> onError) {
    this.vertx = vertx;
    this.shard = shard;
    this.config = config;
    this.metrics = metrics;
    this.onEntries = onEntries;
    this.onError = onError;
  }

  /** Starts reading after {@code index}. */
  void start(long index) {
    nextFetch = index + 1;
    pull();
  }

  void stop() {
    stopped = true;
  }

  /** Entries read and not yet taken, in index order; the tailer polls them. */
  ArrayDeque<StreamChunk.Entry> buffer() {
    return buffer;
  }

  /** Asks for more entries unless a read is under way or the buffer is full. */
  void pull() {
    if (stopped || fetching || buffer.size() >= config.stream().maxEntries()) {
      return;
    }
    fetching = true;
    StreamRead read = new StreamRead(shard, nextFetch, config.stream().maxEntries(), config.stream().maxBytes());
    DeliveryOptions opts = new DeliveryOptions().setSendTimeout(config.stream().requestTimeoutMs());
    vertx.eventBus().<StreamChunk>request(Addresses.STREAM_READ, read, opts).onComplete(ar -> {
      fetching = false;
      if (stopped) {
        return;
      }
      if (ar.failed()) {
        onError.accept("reading the committed stream of shard " + shard + " failed: " + ar.cause().getMessage());
        long backoff = Math.min(config.retry().maxBackoffMs(),
          config.retry().initialBackoffMs() << Math.min(failures++, 20));
        vertx.setTimer(backoff, id -> pull());
        return;
      }
      failures = 0;
      accept(ar.result().body());
    });
  }

  private void accept(StreamChunk chunk) {
    commitIndex = Math.max(commitIndex, chunk.commitIndex());
    if (chunk.firstAvailable() > nextFetch) {
      long lost = chunk.firstAvailable() - nextFetch;
      purged += lost;
      metrics.gap(lost);
      String message = "entries " + nextFetch + ".." + (chunk.firstAvailable() - 1) + " of shard " + shard
        + " were purged from the Raft log before this consumer wrote them to Cassandra";
      LOG.error(message);
      onError.accept(message);
      nextFetch = chunk.firstAvailable();
      pull();
      return;
    }
    for (StreamChunk.Entry e : chunk.entries()) {
      if (e.index() >= nextFetch) {
        buffer.add(e);
        nextFetch = e.index() + 1;
      }
    }
    if (chunk.entries().isEmpty()) {
      // Up to the commit index there is nothing but Raft's own entries (configuration, leader no-op).
      caughtUpTo = Math.max(caughtUpTo, chunk.commitIndex());
      vertx.setTimer(config.stream().pollIntervalMs(), id -> pull());
    } else {
      pull();
      onEntries.run();
    }
  }

  /** @return the shard's commit index at the last read */
  long commitIndex() {
    return commitIndex;
  }

  /** @return the commit index of the last read that found nothing new: everything up to it has been read */
  long caughtUpTo() {
    return caughtUpTo;
  }

  /** @return entries purged from the log before this reader got them */
  long purged() {
    return purged;
  }
}

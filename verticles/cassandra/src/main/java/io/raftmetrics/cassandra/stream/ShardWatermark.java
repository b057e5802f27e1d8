package io.raftmetrics.cassandra.stream;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.log.StreamChunk;
import io.raftmetrics.api.log.StreamRead;
import io.raftmetrics.api.log.WatermarkEntry;
import io.raftmetrics.cassandra.CassandraConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Moves one shard's watermark forward: stores it in Cassandra ({@link WatermarkStore}), then submits a
 * {@link WatermarkEntry} to Raft so the log is not purged above it. At most every {@code stream.watermark_interval_ms}
 * while entries keep coming, at once when the tailer goes idle.
 *
 * <p>Our own watermark entries come back in the stream; they advance the written index but are not data, so they never
 * trigger another watermark (which would come back in turn, forever). Confined to the verticle's event loop.
 */
final class ShardWatermark {

  private static final Logger LOG = LoggerFactory.getLogger(ShardWatermark.class);

  private final Vertx vertx;
  private final int shard;
  private final WatermarkStore store;
  private final CassandraConfig config;
  private final Consumer<String> onError;
  private long persisted;
  private long written;
  private long lastData;
  private long lastStoredAt;
  private boolean storing;
  private boolean stopped;

  ShardWatermark(Vertx vertx, int shard, WatermarkStore store, CassandraConfig config, Consumer<String> onError) {
    this.vertx = vertx;
    this.shard = shard;
    this.store = store;
    this.config = config;
    this.onError = onError;
  }

  /**
   * The index to resume after: the watermark recorded through Raft (asked with a position-only stream read), bounded
   * by the copy kept in Cassandra. The lower of the two wins: a keyspace that lost its copy (new, or restored from an
   * older backup) is written again from the start, and a watermark Raft has not recorded yet costs a replay of
   * identical cells, never a gap.
   *
   * @return the watermark, 0 if none
   */
  Future<Long> load() {
    Future<Long> stored = store.load(shard);
    Future<Long> recorded = vertx.eventBus().<StreamChunk>request(Addresses.STREAM_READ,
        new StreamRead(shard, 0, 0, 1, config.stream().consumer()),
        new DeliveryOptions().setSendTimeout(config.stream().requestTimeoutMs()))
      .map(m -> m.body().consumerWatermark())
      .otherwise(-1L);
    return Future.all(stored, recorded).map(all -> {
      long inCassandra = stored.result();
      long inRaft = recorded.result();
      long wm = inRaft < 0 ? inCassandra : Math.min(inCassandra, inRaft);
      if (inRaft >= 0 && inRaft != inCassandra) {
        LOG.info("shard {}: watermark {} in Raft, {} in Cassandra; resuming after {}", shard, inRaft, inCassandra, wm);
      }
      persisted = wm;
      written = wm;
      lastData = wm;
      return wm;
    });
  }

  /**
   * @param writtenIndex every entry up to it is in Cassandra
   * @param lastDataIndex the highest of those that was not a watermark entry
   * @param idle nothing is left to write: store now rather than at the next interval
   */
  void advance(long writtenIndex, long lastDataIndex, boolean idle) {
    written = Math.max(written, writtenIndex);
    lastData = Math.max(lastData, lastDataIndex);
    if (storing || stopped || written <= persisted || lastData <= persisted) {
      return;
    }
    long now = System.currentTimeMillis();
    if (!idle && now - lastStoredAt < config.stream().watermarkIntervalMs()) {
      return;
    }
    storing = true;
    long wm = written;
    store.store(shard, wm).onComplete(ar -> {
      storing = false;
      if (ar.failed()) {
        onError.accept("storing the watermark of shard " + shard + " failed: " + ar.cause().getMessage());
        vertx.setTimer(config.retry().maxBackoffMs(), id -> advance(written, lastData, true));
        return;
      }
      persisted = Math.max(persisted, wm);
      lastStoredAt = now;
      vertx.eventBus().request(Addresses.LOG_SUBMIT, new WatermarkEntry(config.stream().consumer(), shard, wm),
        new DeliveryOptions().setSendTimeout(config.stream().requestTimeoutMs())).onFailure(t ->
        LOG.debug("watermark {} of shard {} not submitted to Raft: {}", wm, shard, t.getMessage()));
      advance(written, lastData, idle);
    });
  }

  /** Stores what moved since the last store, once, and stops. */
  Future<Void> flush() {
    stopped = true;
    if (storing || written <= persisted || lastData <= persisted) {
      return Future.succeededFuture();
    }
    return store.store(shard, written).otherwiseEmpty();
  }

  long persisted() {
    return persisted;
  }
}

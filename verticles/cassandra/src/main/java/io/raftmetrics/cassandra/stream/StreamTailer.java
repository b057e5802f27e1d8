package io.raftmetrics.cassandra.stream;

import io.raftmetrics.api.codec.MalformedEntryException;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.log.DeleteEntry;
import io.raftmetrics.api.log.EntryKind;
import io.raftmetrics.api.log.StreamChunk;
import io.raftmetrics.cassandra.CassandraConfig;
import io.raftmetrics.cassandra.delete.KairosDeleter;
import io.raftmetrics.cassandra.write.Failures;
import io.raftmetrics.cassandra.write.KairosWriter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Replicated mode for one shard: takes the committed entries its {@link ShardReader} buffers, writes them to
 * Cassandra and moves the {@link ShardWatermark} forward.
 *
 * <ul>
 *   <li>Consecutive ingest entries form a window (up to {@code batch.max_window_points}) written as one
 *       {@link KairosWriter#write}; up to {@code batch.max_windows_in_flight} windows run at once, retried until
 *       Cassandra takes them, and complete in log order.</li>
 *   <li>A delete waits for the windows before it, runs alone, then lets later entries go: it must see their index
 *       rows, and its timestamp sits between theirs.</li>
 * </ul>
 *
 * A restart resumes after the stored watermark and replays what followed it: rewriting a cell with the same value is
 * invisible, so nothing is lost and nothing visible is duplicated. Confined to the verticle's event loop.
 */
final class StreamTailer {

  private static final Logger LOG = LoggerFactory.getLogger(StreamTailer.class);

  private final Vertx vertx;
  private final int shard;
  private final KairosWriter writer;
  private final KairosDeleter deleter;
  private final CassandraConfig config;
  private final TailerMetrics metrics;
  private final ShardReader reader;
  private final ShardWatermark watermark;
  private final ArrayDeque<Window> windows = new ArrayDeque<>();
  private long written;
  private long lastDataIndex;
  private boolean deleting;
  private boolean stopped;
  private long skipped;
  private String lastError;
  private long lastErrorAt;

  /** Consecutive entries written together; complete when Cassandra acknowledged all of them. */
  private static final class Window {
    final List<IngestBatch> batches = new ArrayList<>();
    long lastIndex;
    long oldestCreatedAt = Long.MAX_VALUE;
    boolean hasData;
    boolean done;
  }

  StreamTailer(Vertx vertx, int shard, KairosWriter writer, KairosDeleter deleter, WatermarkStore marks,
               CassandraConfig config, TailerMetrics metrics) {
    this.vertx = vertx;
    this.shard = shard;
    this.writer = writer;
    this.deleter = deleter;
    this.config = config;
    this.metrics = metrics;
    this.reader = new ShardReader(vertx, shard, config, metrics, this::step, this::error);
    this.watermark = new ShardWatermark(vertx, shard, marks, config, this::error);
  }

  /** Loads the watermark and starts reading after it. */
  Future<Void> start() {
    return watermark.load().map(wm -> {
      written = wm;
      metrics.register(shard, this);
      LOG.info("cassandra consumer {} resumes shard {} after index {}", config.stream().consumer(), shard, wm);
      reader.start(wm);
      return null;
    });
  }

  /** Stops reading and writing; stores the watermark one last time if it moved. */
  Future<Void> stop() {
    stopped = true;
    reader.stop();
    metrics.unregister(shard);
    return watermark.flush();
  }

  /** Retires finished windows and starts new ones while anything moves, then lets the watermark and reader follow. */
  private void step() {
    boolean moved = true;
    while (moved && !stopped) {
      moved = retire() | dispatch();
    }
    if (!stopped) {
      watermark.advance(written, lastDataIndex, windows.isEmpty() && reader.buffer().isEmpty());
      reader.pull();
    }
  }

  private boolean retire() {
    boolean any = false;
    while (!windows.isEmpty() && windows.peek().done) {
      Window w = windows.poll();
      written = Math.max(written, w.lastIndex);
      if (w.hasData) {
        lastDataIndex = w.lastIndex;
      }
      any = true;
    }
    return any;
  }

  private boolean dispatch() {
    ArrayDeque<StreamChunk.Entry> buffer = reader.buffer();
    if (deleting || buffer.isEmpty() || windows.size() >= config.batching().maxWindowsInFlight()) {
      return false;
    }
    if (kind(buffer.peek()) == EntryKind.DELETE) {
      if (!windows.isEmpty()) {
        return false;
      }
      startDelete(buffer.poll());
      return true;
    }
    Window w = new Window();
    long points = 0;
    while (!buffer.isEmpty() && kind(buffer.peek()) != EntryKind.DELETE) {
      StreamChunk.Entry e = buffer.peek();
      EntryKind kind = kind(e);
      if (kind == EntryKind.INGEST) {
        IngestBatch b = IngestBatch.wrap(e.data());
        if (points > 0 && points + b.pointCount() > config.batching().maxWindowPoints()) {
          break;
        }
        String problem = writer.validate(b);
        if (problem == null) {
          w.batches.add(b);
          points += b.pointCount();
          w.oldestCreatedAt = Math.min(w.oldestCreatedAt, b.createdAtMs());
        } else {
          skip("entry " + e.index() + " of shard " + shard + " skipped: " + problem, null, 1);
        }
      } else if (kind == null) {
        skip("entry " + e.index() + " of shard " + shard + " skipped: not a raftmetrics log entry", null, 1);
      }
      w.hasData |= kind != EntryKind.WATERMARK;
      w.lastIndex = e.index();
      buffer.poll();
    }
    windows.add(w);
    if (w.batches.isEmpty()) {
      w.done = true;
      return true;
    }
    writer.write(w.batches, true).onComplete(ar -> {
      if (stopped) {
        // Stopping fails what is in flight; it was not written and stays above the stored watermark.
        return;
      }
      if (ar.failed()) {
        // Only a permanent refusal ends the retries: these entries can never be written.
        skip("Cassandra refused entries up to " + w.lastIndex + " of shard " + shard + ": "
          + ar.cause().getMessage(), ar.cause(), w.batches.size());
      }
      w.done = true;
      step();
    });
    return true;
  }

  private void startDelete(StreamChunk.Entry e) {
    Window w = new Window();
    w.lastIndex = e.index();
    w.hasData = true;
    windows.add(w);
    try {
      DeleteEntry delete = DeleteEntry.decode(e.data());
      deleting = true;
      attemptDelete(delete, w, 1);
    } catch (MalformedEntryException ex) {
      skip("delete at index " + e.index() + " of shard " + shard + " skipped: " + ex.getMessage(), null, 1);
      w.done = true;
    }
  }

  private void attemptDelete(DeleteEntry delete, Window w, int attempt) {
    deleter.delete(delete, true).onComplete(ar -> {
      if (stopped) {
        return;
      }
      if (ar.failed() && Failures.retryable(ar.cause())) {
        error("delete at index " + w.lastIndex + " of shard " + shard + " failed, retrying: "
          + ar.cause().getMessage());
        long backoff = Math.min(config.retry().maxBackoffMs(),
          config.retry().initialBackoffMs() << Math.min(attempt - 1, 20));
        vertx.setTimer(backoff, id -> attemptDelete(delete, w, attempt + 1));
        return;
      }
      if (ar.failed()) {
        skip("Cassandra refused the delete at index " + w.lastIndex + " of shard " + shard + ": "
          + ar.cause().getMessage(), ar.cause(), 1);
      }
      deleting = false;
      w.done = true;
      step();
    });
  }

  private void skip(String message, Throwable cause, int entries) {
    lastError = message;
    lastErrorAt = System.currentTimeMillis();
    LOG.error(message, cause);
    skipped += entries;
    metrics.skipped(entries);
  }

  private void error(String message) {
    lastError = message;
    lastErrorAt = System.currentTimeMillis();
    LOG.warn(message);
  }

  private static EntryKind kind(StreamChunk.Entry e) {
    try {
      return EntryKind.of(e.data());
    } catch (MalformedEntryException ex) {
      return null;
    }
  }

  /** @return committed entries not yet in Cassandra */
  long lagEntries() {
    boolean idle = windows.isEmpty() && reader.buffer().isEmpty();
    long done = idle ? Math.max(written, reader.caughtUpTo()) : written;
    return Math.max(0, reader.commitIndex() - done);
  }

  /** @return age of the oldest committed batch not yet in Cassandra, 0 when caught up */
  long lagSeconds() {
    if (lagEntries() == 0) {
      return 0;
    }
    long oldest = windows.isEmpty() ? Long.MAX_VALUE : windows.peek().oldestCreatedAt;
    if (oldest == Long.MAX_VALUE) {
      for (StreamChunk.Entry e : reader.buffer()) {
        if (kind(e) == EntryKind.INGEST) {
          oldest = IngestBatch.wrap(e.data()).createdAtMs();
          break;
        }
      }
    }
    return oldest == Long.MAX_VALUE ? 0 : Math.max(0, (System.currentTimeMillis() - oldest) / 1000);
  }

  /** @return the shard's position and lag, for {@code /health} */
  JsonObject status() {
    return new JsonObject().put("shard", shard).put("written_index", written).put("watermark", watermark.persisted())
      .put("commit_index", reader.commitIndex()).put("lag_entries", lagEntries()).put("lag_seconds", lagSeconds())
      .put("windows_in_flight", windows.size()).put("buffered_entries", reader.buffer().size())
      .put("purged_before_written", reader.purged()).put("skipped_entries", skipped)
      .put("last_error", lastError).put("last_error_at_ms", lastError == null ? null : lastErrorAt);
  }
}

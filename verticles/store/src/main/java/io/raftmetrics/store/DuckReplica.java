package io.raftmetrics.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.raftmetrics.api.codec.MalformedEntryException;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.log.DeleteEntry;
import io.raftmetrics.api.log.EntryKind;
import io.raftmetrics.api.log.WatermarkEntry;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The DuckDB implementation of {@link Replica}: one database file per shard replica.
 *
 * <p>Three kinds of connection share the database: an origin connection that only hands out duplicates, the
 * applier's connection (auto-commit off, one transaction per entry) and the readers' connections. Every entry is
 * applied in one transaction that also updates the applied position, so after a crash the file holds either all of
 * an entry or none of it, and the position says which. Validation happens before the transaction starts, so a
 * malformed entry never reaches DuckDB. Methods block on disk I/O: call them from worker threads.
 */
public final class DuckReplica implements Replica {

  private static final String URL_PREFIX = "jdbc:duckdb:";
  private static final String UPDATE_POSITION = "UPDATE replica_state SET term = ?, idx = ?, next_sid = ?";

  /** Work done inside an apply transaction. */
  private interface TransactionBody {
    void run() throws SQLException;
  }

  private final int shard;
  private final Path file;
  private final DuckDBConnection origin;
  private final DuckDBConnection writer;
  private final String mainDatabase;
  private final ReentrantLock lock = new ReentrantLock();
  private final SeriesDictionary dictionary = new SeriesDictionary();
  private final MemoryCatalog catalog = new MemoryCatalog();
  private final IngestDecoder decoder = new IngestDecoder(dictionary);
  private final DecodedBatch decoded = new DecodedBatch();
  private final DeleteApplier deletes = new DeleteApplier(catalog, dictionary);
  private final BatchIdWindow batchIds;
  private final PreparedStatement updatePosition;
  private final WatermarkTable watermarks;
  private final StoreMetrics metrics;
  private PointWriter pointWriter;
  private volatile TermIndex lastApplied = TermIndex.INITIAL;
  private volatile boolean closed;

  private DuckReplica(int shard, Path file, DuckDBConnection origin, MeterRegistry registry) throws SQLException {
    this.shard = shard;
    this.file = file;
    this.origin = origin;
    SchemaSetup.ensure(origin, shard, file);
    this.mainDatabase = ReplicaSnapshots.mainDatabase(origin);
    this.writer = origin.duplicate();
    try {
      writer.setAutoCommit(false);
      this.batchIds = new BatchIdWindow(writer);
      this.updatePosition = writer.prepareStatement(UPDATE_POSITION);
      this.watermarks = new WatermarkTable(writer);
      reload();
    } catch (SQLException | RuntimeException e) {
      closeQuietly(writer);
      throw e;
    }
    this.metrics = StoreMetrics.create(registry, shard, catalog, file);
  }

  /**
   * Opens (creating if needed) the replica of {@code shard} in the DuckDB file {@code file}. Blocks on disk I/O.
   *
   * @param registry where to publish store metrics, or null
   * @throws StoreException if the file cannot be opened or belongs to another shard or layout version
   */
  public static Replica open(int shard, Path file, MeterRegistry registry) {
    Path path = file.toAbsolutePath();
    DuckDBConnection origin = null;
    try {
      Files.createDirectories(path.getParent());
      origin = (DuckDBConnection) DriverManager.getConnection(URL_PREFIX + path);
      return new DuckReplica(shard, path, origin, registry);
    } catch (SQLException | IOException | RuntimeException e) {
      closeQuietly(origin);
      if (e instanceof StoreException se) {
        throw se;
      }
      throw new StoreException("cannot open the replica of shard " + shard + " at " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public int shard() {
    return shard;
  }

  @Override
  public TermIndex lastApplied() {
    return lastApplied;
  }

  @Override
  public ApplyOutcome apply(long term, long index, byte[] entry) {
    if (entry == null) {
      throw new MalformedEntryException("null entry");
    }
    lock.lock();
    try {
      ensureOpen();
      if (index <= lastApplied.index()) {
        return ApplyOutcome.SKIPPED;
      }
      long start = System.nanoTime();
      EntryKind kind = EntryKind.of(entry);
      ApplyOutcome outcome = switch (kind) {
        case INGEST -> applyIngest(term, index, IngestBatch.wrap(entry));
        case DELETE -> applyDelete(term, index, DeleteEntry.decode(entry));
        case WATERMARK -> applyWatermark(term, index, WatermarkEntry.decode(entry));
      };
      metrics.applied(kind, System.nanoTime() - start, outcome.points());
      return outcome;
    } finally {
      lock.unlock();
    }
  }

  private ApplyOutcome applyIngest(long term, long index, IngestBatch batch) {
    if (batchIds.isRetry(batch.batchId(), index)) {
      inTransaction(term, index, dictionary.nextSid(), () -> { });
      return ApplyOutcome.SKIPPED;
    }
    decoder.decode(batch, decoded);
    // Listed before the points become visible, so the catalog is never behind a reader.
    catalog.addAll(decoded.created.stream().map(s -> s.info).toList());
    inTransaction(term, index, decoded.nextSid, () -> {
      pointWriter().write(decoded);
      batchIds.record(batch.batchId(), index);
    });
    decoded.publish();
    dictionary.addAll(decoded.created, decoded.nextSid);
    batchIds.commit();
    return new ApplyOutcome(decoded.points, false, decoded.created.size());
  }

  private ApplyOutcome applyDelete(long term, long index, DeleteEntry entry) {
    DeleteApplier.Plan plan = deletes.plan(entry);
    inTransaction(term, index, dictionary.nextSid(), () -> deletes.write(writer, plan));
    deletes.publish(plan, catalog);
    return ApplyOutcome.NONE;
  }

  private ApplyOutcome applyWatermark(long term, long index, WatermarkEntry entry) {
    if (entry.shard() != shard) {
      throw new MalformedEntryException("watermark of shard " + entry.shard() + " in the log of shard " + shard);
    }
    inTransaction(term, index, dictionary.nextSid(), () -> watermarks.write(entry.consumer(), entry.index()));
    watermarks.committed(entry.consumer(), entry.index());
    return ApplyOutcome.NONE;
  }

  @Override
  public void markApplied(long term, long index) {
    lock.lock();
    try {
      ensureOpen();
      if (index > lastApplied.index()) {
        inTransaction(term, index, dictionary.nextSid(), () -> { });
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code body} in one transaction with the position update. The update comes first: the JDBC driver begins
   * the transaction with the first statement, and the Appender only joins a transaction that is already running.
   */
  private void inTransaction(long term, long index, int nextSid, TransactionBody body) {
    try {
      updatePosition.setLong(1, term);
      updatePosition.setLong(2, index);
      updatePosition.setInt(3, nextSid);
      updatePosition.executeUpdate();
      body.run();
      writer.commit();
      lastApplied = new TermIndex(term, index);
    } catch (SQLException | RuntimeException e) {
      recover(e);
      throw new StoreException("applying entry " + index + " of shard " + shard + " failed: " + e.getMessage(), e);
    }
  }

  /** The point writer, created inside the running transaction (its temporary table is transactional too). */
  private PointWriter pointWriter() throws SQLException {
    if (pointWriter == null) {
      pointWriter = new PointWriter(writer);
    }
    return pointWriter;
  }

  /**
   * After a failed transaction: roll back, drop the point writer (its appenders may hold rows of the failed entry),
   * and re-read the committed state into memory.
   */
  private void recover(Exception cause) {
    try {
      writer.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
    if (pointWriter != null) {
      pointWriter.discard();
      pointWriter = null;
    }
    try {
      reload();
    } catch (SQLException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private void reload() throws SQLException {
    try {
      StateReader.Position position = StateReader.position(writer, mainDatabase);
      List<SeriesSlot> slots = StateReader.series(writer, mainDatabase);
      batchIds.load();
      dictionary.clear(position.nextSid());
      dictionary.addAll(slots, position.nextSid());
      catalog.replaceAll(slots.stream().map(s -> s.info).toList());
      watermarks.load();
      lastApplied = position.applied();
    } finally {
      writer.rollback();
    }
  }

  @Override
  public Map<String, Long> watermarks() {
    return watermarks.current();
  }

  @Override
  public TermIndex snapshotTo(Path target) {
    ensureOpen();
    try (DuckDBConnection conn = origin.duplicate()) {
      return ReplicaSnapshots.write(conn, shard, target.toAbsolutePath());
    } catch (SQLException | IOException e) {
      throw new StoreException("snapshot of shard " + shard + " to " + target + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void restoreFrom(Path snapshot) {
    lock.lock();
    try {
      ensureOpen();
      try (DuckDBConnection admin = origin.duplicate()) {
        ReplicaSnapshots.restore(admin, writer, shard, snapshot.toAbsolutePath(),
          slots -> catalog.addAll(slots.stream().map(s -> s.info).toList()));
        reload();
      } catch (SQLException | RuntimeException e) {
        recover(e);
        if (e instanceof StoreException se) {
          throw se;
        }
        throw new StoreException("restore of shard " + shard + " from " + snapshot + " failed: " + e.getMessage(), e);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public SeriesCatalog catalog() {
    return catalog;
  }

  /** {@inheritDoc} The connection starts in auto-commit mode. */
  @Override
  public Connection openReader() throws SQLException {
    ensureOpen();
    return origin.duplicate();
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      metrics.close();
      if (pointWriter != null) {
        pointWriter.close();
      }
      closeQuietly(batchIds);
      closeQuietly(updatePosition);
      closeQuietly(watermarks);
      closeQuietly(writer);
      closeQuietly(origin);
    } finally {
      lock.unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("the replica of shard " + shard + " is closed", null);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing on the way out; nothing more to do
      }
    }
  }

  @Override
  public String toString() {
    return "DuckReplica{shard=" + shard + ", file=" + file + ", applied=" + lastApplied + '}';
  }
}

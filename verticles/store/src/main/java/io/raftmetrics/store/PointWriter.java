package io.raftmetrics.store;

import io.raftmetrics.api.ingest.DataType;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link DecodedBatch} into the open transaction of the applier's connection. Points above their series'
 * stored maximum go straight to the Appender. The others (same timestamp again, or out of order) are de-duplicated
 * (the last one in the batch wins), their keys staged in a temporary table, the stored rows with those keys deleted,
 * and the points appended: the same (series, timestamp) always ends with the last value written.
 *
 * <p>DuckDB's Appender writes into the connection's running transaction; the applier guarantees one is running (its
 * first statement is the position update) before anything is flushed.
 */
final class PointWriter implements AutoCloseable {

  private static final String CREATE_STAGE =
    "CREATE TEMP TABLE IF NOT EXISTS stage_keys (sid INTEGER NOT NULL, ts BIGINT NOT NULL)";
  private static final String CLEAR_STAGE = "DELETE FROM stage_keys";
  /** Any statement: under auto-commit off, the driver begins a transaction with it. */
  private static final String BEGIN_IMPLICITLY = "SELECT 1";
  private static final String DELETE_STAGED =
    "DELETE FROM %1$s USING stage_keys s WHERE %1$s.sid = s.sid AND %1$s.ts = s.ts AND %1$s.ts BETWEEN ? AND ?";
  private static final String UPDATE_MAX_TS =
    "UPDATE series SET max_ts = u.max_ts FROM (SELECT unnest(?::INTEGER[]) AS sid, unnest(?::BIGINT[]) AS max_ts) u "
      + "WHERE series.sid = u.sid";

  private final DuckDBConnection conn;
  private DuckDBAppender seriesAppender;
  private DuckDBAppender stageAppender;
  private final Map<DataType, DuckDBAppender> pointAppenders = new EnumMap<>(DataType.class);
  private final Map<DataType, PreparedStatement> deleteStaged = new EnumMap<>(DataType.class);
  private PreparedStatement updateMaxTs;
  private PreparedStatement clearStage;

  /** Creates the staging table and the appenders; call it inside the transaction that will use it. */
  PointWriter(DuckDBConnection conn) throws SQLException {
    this.conn = conn;
    try (Statement s = conn.createStatement()) {
      s.execute(CREATE_STAGE);
    }
    try {
      seriesAppender = conn.createAppender("series");
      stageAppender = conn.createAppender("temp", "main", "stage_keys");
      for (DataType t : DataType.values()) {
        pointAppenders.put(t, conn.createAppender(Schema.pointsTable(t)));
        deleteStaged.put(t, conn.prepareStatement(String.format(DELETE_STAGED, Schema.pointsTable(t))));
      }
      updateMaxTs = conn.prepareStatement(UPDATE_MAX_TS);
      clearStage = conn.prepareStatement(CLEAR_STAGE);
    } catch (SQLException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Writes the batch; the caller commits or rolls back. */
  void write(DecodedBatch batch) throws SQLException {
    appendNewSeries(batch);
    for (DataType t : DataType.values()) {
      appendPoints(batch.buffer(t), false, null);
    }
    if (batch.hasStaged()) {
      overwrite(batch);
    }
    for (DuckDBAppender a : pointAppenders.values()) {
      a.flush();
    }
    updateMaxTs(batch);
  }

  private void appendNewSeries(DecodedBatch batch) throws SQLException {
    for (SeriesSlot s : batch.created) {
      int local = s.local;
      seriesAppender.beginRow().append(s.info.sid()).append(s.info.metric()).append(s.info.tags())
        .append((byte) s.info.type().code());
      if (batch.hasPoints[local]) {
        seriesAppender.append(batch.maxTs[local]);
      } else {
        seriesAppender.appendNull();
      }
      seriesAppender.endRow();
    }
    seriesAppender.flush();
  }

  /** Appends the buffer's points that are (or are not) staged; {@code only}, if given, restricts to those indexes. */
  private void appendPoints(PointBuffer b, boolean staged, int[] only) throws SQLException {
    DuckDBAppender a = pointAppenders.get(b.type);
    int n = only == null ? b.size : only.length;
    for (int k = 0; k < n; k++) {
      int i = only == null ? k : only[k];
      if (b.staged[i] != staged) {
        continue;
      }
      a.beginRow().append(b.sid[i]).append(b.ts[i]);
      switch (b.type) {
        case LONG -> a.append(b.longs[i]);
        case DOUBLE -> a.append(b.doubles[i]);
        default -> a.append(b.strings[i]);
      }
      a.endRow();
    }
  }

  private void overwrite(DecodedBatch batch) throws SQLException {
    // Stored rows (including rows appended earlier in this batch) must be visible to the DELETE below.
    for (DuckDBAppender a : pointAppenders.values()) {
      a.flush();
    }
    List<PointBuffer> withStaged = new ArrayList<>();
    List<int[]> winners = new ArrayList<>();
    for (DataType t : DataType.values()) {
      PointBuffer b = batch.buffer(t);
      if (b.stagedCount > 0) {
        int[] last = lastPerKey(b);
        for (int i : last) {
          stageAppender.beginRow().append(b.sid[i]).append(b.ts[i]).endRow();
        }
        withStaged.add(b);
        winners.add(last);
      }
    }
    stageAppender.flush();
    for (int k = 0; k < withStaged.size(); k++) {
      PointBuffer b = withStaged.get(k);
      int[] last = winners.get(k);
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int i : last) {
        min = Math.min(min, b.ts[i]);
        max = Math.max(max, b.ts[i]);
      }
      PreparedStatement delete = deleteStaged.get(b.type);
      delete.setLong(1, min);
      delete.setLong(2, max);
      delete.executeUpdate();
      appendPoints(b, true, last);
    }
    clearStage.executeUpdate();
  }

  /** @return indexes of the staged points that win: the last one of each (series, timestamp), in key order */
  private static int[] lastPerKey(PointBuffer b) {
    Integer[] idx = new Integer[b.stagedCount];
    int n = 0;
    for (int i = 0; i < b.size; i++) {
      if (b.staged[i]) {
        idx[n++] = i;
      }
    }
    Arrays.sort(idx, (x, y) -> {
      int c = Integer.compare(b.sid[x], b.sid[y]);
      if (c == 0) {
        c = Long.compare(b.ts[x], b.ts[y]);
      }
      return c != 0 ? c : Integer.compare(x, y);
    });
    int[] out = new int[n];
    int m = 0;
    for (int k = 0; k < n; k++) {
      boolean lastOfKey = k + 1 == n || b.sid[idx[k + 1]] != b.sid[idx[k]] || b.ts[idx[k + 1]] != b.ts[idx[k]];
      if (lastOfKey) {
        out[m++] = idx[k];
      }
    }
    return Arrays.copyOf(out, m);
  }

  private void updateMaxTs(DecodedBatch batch) throws SQLException {
    List<Object> sids = new ArrayList<>();
    List<Object> maxes = new ArrayList<>();
    for (int i = 0; i < batch.seriesCount; i++) {
      SeriesSlot s = batch.slots[i];
      boolean isNew = batch.createdByKey.get(s.key) == s;
      boolean changed = batch.hasPoints[i]
        && (!batch.previousHasPoints[i] || batch.maxTs[i] != batch.previousMaxTs[i]);
      if (!isNew && changed) {
        sids.add(s.info.sid());
        maxes.add(batch.maxTs[i]);
      }
    }
    if (sids.isEmpty()) {
      return;
    }
    updateMaxTs.setObject(1, conn.createArrayOf("INTEGER", sids.toArray()));
    updateMaxTs.setObject(2, conn.createArrayOf("BIGINT", maxes.toArray()));
    updateMaxTs.executeUpdate();
  }

  /**
   * Drops whatever the appenders still buffer after a failed write. Closing an appender flushes it, so this runs
   * inside a transaction that is then rolled back.
   */
  void discard() {
    try (Statement s = conn.createStatement()) {
      s.execute(BEGIN_IMPLICITLY);
    } catch (SQLException ignored) {
      // the connection is unusable; closing below still releases the appenders
    }
    close();
    try {
      conn.rollback();
    } catch (SQLException ignored) {
      // nothing was running
    }
  }

  @Override
  public void close() {
    List<AutoCloseable> all = new ArrayList<>(pointAppenders.values());
    all.add(seriesAppender);
    all.add(stageAppender);
    all.addAll(deleteStaged.values());
    all.add(updateMaxTs);
    all.add(clearStage);
    for (AutoCloseable c : all) {
      if (c == null) {
        continue;
      }
      try {
        c.close();
      } catch (Exception ignored) {
        // best effort on the way out
      }
    }
  }
}

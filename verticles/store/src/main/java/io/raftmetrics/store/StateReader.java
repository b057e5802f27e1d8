package io.raftmetrics.store;

import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.api.ingest.IngestBatchWriter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a replica's persistent state back into memory: at open, after a failed apply, after a restore. Queries take
 * the database name so they can also read an attached snapshot.
 */
final class StateReader {

  private static final String SELECT_INFO = "SELECT layout, shard FROM %s.replica_info";
  private static final String SELECT_POSITION = "SELECT term, idx, next_sid FROM %s.replica_state";
  private static final String SELECT_SERIES = "SELECT sid, metric, tags, type, max_ts FROM %s.series ORDER BY sid";

  /** The applied position and the next series id. */
  record Position(TermIndex applied, int nextSid) {
  }

  private StateReader() {
  }

  /** @return a SQL identifier for a database name */
  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** @throws StoreException if the database is not a replica of this layout and shard */
  static void checkInfo(Connection conn, String db, int shard, String what) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(String.format(SELECT_INFO, quote(db)));
         ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new StoreException(what + " is not a raftmetrics replica (no replica_info row)", null);
      }
      int layout = rs.getInt(1);
      int fileShard = rs.getInt(2);
      if (layout != Schema.VERSION) {
        throw new StoreException(what + " has layout v" + layout + ", this build reads v" + Schema.VERSION, null);
      }
      if (fileShard != shard) {
        throw new StoreException(what + " holds shard " + fileShard + ", not shard " + shard, null);
      }
    }
  }

  static Position position(Connection conn, String db) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(String.format(SELECT_POSITION, quote(db)));
         ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new StoreException("replica_state of " + db + " is empty", null);
      }
      return new Position(new TermIndex(rs.getLong(1), rs.getLong(2)), rs.getInt(3));
    }
  }

  static List<SeriesSlot> series(Connection conn, String db) throws SQLException {
    List<SeriesSlot> out = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement(String.format(SELECT_SERIES, quote(db)));
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        int sid = rs.getInt(1);
        String metric = rs.getString(2);
        SortedMap<String, String> tags = new TreeMap<>();
        Object raw = rs.getObject(3);
        if (raw instanceof Map<?, ?> m) {
          m.forEach((k, v) -> tags.put(String.valueOf(k), String.valueOf(v)));
        }
        DataType type = DataType.ofCode(rs.getInt(4));
        long max = rs.getLong(5);
        boolean hasPoints = !rs.wasNull();
        String[] keys = tags.keySet().toArray(new String[0]);
        String[] values = tags.values().toArray(new String[0]);
        SeriesInfo info = new SeriesInfo(sid, metric, Collections.unmodifiableSortedMap(tags), type);
        out.add(new SeriesSlot(info, SeriesKey.of(IngestBatchWriter.seriesKey(metric, keys, values, type)), max,
          hasPoints));
      }
    }
    return out;
  }
}

package io.raftmetrics.query.kairos;

import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.query.SeriesSelection;
import io.raftmetrics.query.ShardReader;
import io.raftmetrics.store.Schema;
import io.raftmetrics.store.SeriesInfo;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which series KairosDB would report for a time range: it reads series through its row index, so a series counts
 * (its tags appear in the results) when it has a Cassandra row whose row time lies in
 * {@code [rowTime(start), end]}, even if none of its points falls in the range. Series known to have points in the
 * range are in; for the others the series' newest timestamp ({@code series.max_ts}) usually decides, and only
 * series whose newest point lies beyond the window are looked up in the points tables.
 */
final class Participation {

  private static final String MAX_TS = "SELECT sid, max_ts FROM series WHERE sid IN (%s)";
  private static final String IN_WINDOW = "SELECT DISTINCT sid FROM %s WHERE sid IN (%s) AND ts BETWEEN ? AND ?"
    + " AND (" + RowTime.SQL + ") BETWEEN ? AND ?";

  private Participation() {
  }

  /**
   * @param candidates series not yet known to participate
   * @param start query start
   * @param end query end (inclusive)
   * @param in receives the ids of the candidates that participate
   */
  static void check(ShardReader reader, List<SeriesInfo> candidates, long start, long end, SidSet in)
    throws SQLException {
    if (candidates.isEmpty()) {
      return;
    }
    long first = RowTime.of(start);
    if (end < first) {
      return;
    }
    long last = RowTime.lastTs(end);
    List<SeriesInfo> scan = new ArrayList<>();
    java.util.Map<Integer, SeriesInfo> byId = new java.util.HashMap<>();
    candidates.forEach(s -> byId.put(s.sid(), s));
    try (PreparedStatement ps = reader.prepare(String.format(MAX_TS, SeriesSelection.sidList(candidates)));
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long maxTs = rs.getLong(2);
        if (rs.wasNull() || maxTs < first) {
          continue;
        }
        long row = RowTime.of(maxTs);
        if (row >= first && row <= end) {
          in.add(rs.getInt(1));
        } else {
          scan.add(byId.get(rs.getInt(1)));
        }
      }
    }
    for (DataType type : DataType.values()) {
      List<SeriesInfo> ofType = SeriesSelection.ofType(scan, type);
      if (ofType.isEmpty()) {
        continue;
      }
      String sql = String.format(IN_WINDOW, Schema.pointsTable(type), SeriesSelection.sidList(ofType));
      try (PreparedStatement ps = reader.prepare(sql)) {
        ps.setLong(1, first);
        ps.setLong(2, last);
        ps.setLong(3, first);
        ps.setLong(4, end);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            in.add(rs.getInt(1));
          }
        }
      }
    }
  }
}

package io.raftmetrics.query;

import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.api.query.LatestPoint;
import io.raftmetrics.api.query.LatestRequest;
import io.raftmetrics.store.Schema;
import io.raftmetrics.store.SeriesInfo;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest point of a metric's series matching exact tags, of any type. The newest series is found from
 * {@code series.max_ts} (kept exact by the replica), then its value is read at that timestamp, which zone maps make a
 * short scan. Ties: among series whose newest points share the highest timestamp, the series created last (highest
 * sid) wins, the same order as the {@code last} aggregate.
 */
final class LatestQuery {

  private static final String NEWEST_SERIES = "SELECT sid, max_ts FROM series WHERE max_ts IS NOT NULL "
    + "AND sid IN (SELECT unnest(?::INTEGER[])) ORDER BY max_ts DESC, sid DESC LIMIT 1";
  private static final String VALUE_AT = "SELECT v FROM %s WHERE sid = ? AND ts = ?";

  private LatestQuery() {
  }

  static LatestPoint run(ShardReader reader, LatestRequest request) throws SQLException {
    String metric = request.metric();
    if (metric == null || metric.isEmpty()) {
      throw QueryFailure.badRequest("metric name is required");
    }
    if (reader.catalog().seriesOf(metric).isEmpty()) {
      throw QueryFailure.notFound("metric " + metric + " not found");
    }
    List<SeriesInfo> series = SeriesSelection.withTags(reader.catalog(), metric, request.tags());
    if (series.isEmpty()) {
      throw QueryFailure.notFound("metric " + metric + " has no series with tags " + request.tags());
    }
    Map<Integer, SeriesInfo> bySid = new HashMap<>();
    series.forEach(s -> bySid.put(s.sid(), s));
    return reader.read(r -> {
      SeriesInfo newest;
      long ts;
      try (PreparedStatement ps = r.prepare(NEWEST_SERIES)) {
        ps.setObject(1, r.connection().createArrayOf("INTEGER", bySid.keySet().toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw QueryFailure.notFound("metric " + metric + " has no points");
          }
          newest = bySid.get(rs.getInt(1));
          ts = rs.getLong(2);
        }
      }
      try (PreparedStatement ps = r.prepare(String.format(VALUE_AT, Schema.pointsTable(newest.type())))) {
        ps.setInt(1, newest.sid());
        ps.setLong(2, ts);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new SQLException("series " + newest.sid() + " has max_ts " + ts + " but no point there");
          }
          return new LatestPoint(metric, ts, newest.type(), value(rs, newest.type()), newest.tags());
        }
      }
    });
  }

  private static Object value(ResultSet rs, DataType type) throws SQLException {
    switch (type) {
      case LONG: return rs.getLong(1);
      case DOUBLE: return rs.getDouble(1);
      default: return rs.getString(1);
    }
  }
}

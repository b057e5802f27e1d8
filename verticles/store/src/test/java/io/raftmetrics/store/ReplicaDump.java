package io.raftmetrics.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a replica's whole content, in a fixed order, through a reader connection. */
final class ReplicaDump {

  private static final List<String> QUERIES = List.of(
    "SELECT 'state', term, idx, next_sid FROM replica_state",
    "SELECT 'series', sid, metric, tags, type, max_ts FROM series ORDER BY sid",
    "SELECT 'long', sid, ts, v FROM points_long ORDER BY sid, ts",
    "SELECT 'double', sid, ts, v FROM points_double ORDER BY sid, ts",
    "SELECT 'string', sid, ts, v FROM points_string ORDER BY sid, ts",
    "SELECT 'batch', id_hi, id_lo, idx FROM applied_batches ORDER BY idx, id_hi, id_lo",
    "SELECT 'watermark', consumer, idx FROM watermarks ORDER BY consumer");

  private ReplicaDump() {
  }

  static List<String> of(Replica replica) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = replica.openReader(); Statement s = c.createStatement()) {
      for (String q : QUERIES) {
        try (ResultSet rs = s.executeQuery(q)) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= n; i++) {
              Object o = rs.getObject(i);
              sb.append(o instanceof Map<?, ?> m ? new TreeMap<>(m) : o).append('|');
            }
            rows.add(sb.toString());
          }
        }
      }
    }
    return rows;
  }

  /** @return rows of one points table as "sid|ts|v" strings, ordered */
  static List<String> points(Replica replica, String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = replica.openReader(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT sid, ts, v FROM " + table + " ORDER BY sid, ts")) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + "|" + rs.getLong(2) + "|" + rs.getObject(3));
      }
    }
    return rows;
  }

  static long maxTs(Replica replica, int sid) throws SQLException {
    try (Connection c = replica.openReader(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT max_ts FROM series WHERE sid = " + sid)) {
      rs.next();
      long v = rs.getLong(1);
      return rs.wasNull() ? Long.MIN_VALUE : v;
    }
  }
}

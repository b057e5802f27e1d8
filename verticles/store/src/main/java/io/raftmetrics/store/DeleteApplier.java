package io.raftmetrics.store;

import io.raftmetrics.api.codec.MalformedEntryException;
import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.api.log.DeleteEntry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies KairosDB deletes. A partial delete removes the matching series' points in {@code [start, end]} and keeps
 * the series rows, so the metric name stays (as KairosDB keeps it in {@code string_index}); a whole-metric delete
 * also removes the series, so the name disappears and a later write creates new series ids.
 */
final class DeleteApplier {

  private static final String DELETE_METRIC_POINTS =
    "DELETE FROM %s WHERE sid IN (SELECT sid FROM series WHERE metric = ?)";
  private static final String DELETE_METRIC_SERIES = "DELETE FROM series WHERE metric = ?";
  private static final String DELETE_RANGE =
    "DELETE FROM %s WHERE ts BETWEEN ? AND ? AND sid IN (SELECT unnest(?::INTEGER[]))";
  private static final String REFRESH_MAX_TS =
    "UPDATE series SET max_ts = (SELECT max(p.ts) FROM %s p WHERE p.sid = series.sid) "
      + "WHERE sid IN (SELECT unnest(?::INTEGER[]))";
  private static final String SELECT_MAX_TS =
    "SELECT sid, max_ts FROM series WHERE sid IN (SELECT unnest(?::INTEGER[]))";

  /** What a delete touches, worked out before the transaction. */
  static final class Plan {
    final DeleteEntry entry;
    final List<SeriesSlot> matched;
    final Map<Integer, Long> newMaxTs = new HashMap<>();

    Plan(DeleteEntry entry, List<SeriesSlot> matched) {
      this.entry = entry;
      this.matched = matched;
    }
  }

  private final SeriesCatalog catalog;
  private final SeriesDictionary dictionary;

  DeleteApplier(SeriesCatalog catalog, SeriesDictionary dictionary) {
    this.catalog = catalog;
    this.dictionary = dictionary;
  }

  /** @throws MalformedEntryException if a {@code regex:} value is not a valid pattern */
  Plan plan(DeleteEntry entry) {
    TagFilter filter;
    try {
      filter = TagFilter.of(entry.tags());
    } catch (IllegalArgumentException e) {
      throw new MalformedEntryException("bad tag filter in delete of " + entry.metric() + ": " + e.getMessage());
    }
    List<SeriesSlot> matched = new ArrayList<>();
    for (SeriesInfo s : catalog.seriesOf(entry.metric())) {
      SeriesSlot slot = dictionary.bySid(s.sid());
      if (slot != null && filter.matches(s.tags())) {
        matched.add(slot);
      }
    }
    return new Plan(entry, matched);
  }

  /** Deletes in the running transaction. */
  void write(Connection conn, Plan plan) throws SQLException {
    DeleteEntry e = plan.entry;
    if (e.wholeMetric()) {
      for (DataType t : DataType.values()) {
        try (PreparedStatement ps = conn.prepareStatement(String.format(DELETE_METRIC_POINTS, Schema.pointsTable(t)))) {
          ps.setString(1, e.metric());
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps = conn.prepareStatement(DELETE_METRIC_SERIES)) {
        ps.setString(1, e.metric());
        ps.executeUpdate();
      }
      return;
    }
    if (plan.matched.isEmpty() || e.startMs() > e.endMs()) {
      return;
    }
    List<Object> refresh = new ArrayList<>();
    for (DataType t : DataType.values()) {
      List<Object> sids = new ArrayList<>();
      List<Object> affected = new ArrayList<>();
      for (SeriesSlot s : plan.matched) {
        if (s.info.type() == t) {
          sids.add(s.info.sid());
          // Only a series whose newest point was deleted gets a new max_ts.
          if (s.hasPoints && s.maxTs >= e.startMs() && s.maxTs <= e.endMs()) {
            affected.add(s.info.sid());
          }
        }
      }
      if (sids.isEmpty()) {
        continue;
      }
      String table = Schema.pointsTable(t);
      try (PreparedStatement ps = conn.prepareStatement(String.format(DELETE_RANGE, table))) {
        ps.setLong(1, e.startMs());
        ps.setLong(2, e.endMs());
        ps.setObject(3, conn.createArrayOf("INTEGER", sids.toArray()));
        ps.executeUpdate();
      }
      if (!affected.isEmpty()) {
        try (PreparedStatement ps = conn.prepareStatement(String.format(REFRESH_MAX_TS, table))) {
          ps.setObject(1, conn.createArrayOf("INTEGER", affected.toArray()));
          ps.executeUpdate();
        }
        refresh.addAll(affected);
      }
    }
    if (!refresh.isEmpty()) {
      try (PreparedStatement ps = conn.prepareStatement(SELECT_MAX_TS)) {
        ps.setObject(1, conn.createArrayOf("INTEGER", refresh.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long max = rs.getLong(2);
            plan.newMaxTs.put(rs.getInt(1), rs.wasNull() ? null : max);
          }
        }
      }
    }
  }

  /** Brings the dictionary and catalog in line with the committed delete. */
  void publish(Plan plan, MemoryCatalog memoryCatalog) {
    if (plan.entry.wholeMetric()) {
      List<SeriesInfo> removed = catalog.seriesOf(plan.entry.metric());
      List<SeriesSlot> slots = new ArrayList<>();
      for (SeriesInfo s : removed) {
        SeriesSlot slot = dictionary.bySid(s.sid());
        if (slot != null) {
          slots.add(slot);
        }
      }
      dictionary.removeAll(slots);
      memoryCatalog.removeAll(removed);
      return;
    }
    plan.newMaxTs.forEach((sid, max) -> {
      SeriesSlot slot = dictionary.bySid(sid);
      slot.hasPoints = max != null;
      slot.maxTs = max == null ? 0 : max;
    });
  }
}

package io.raftmetrics.cassandra.write;

import io.raftmetrics.api.codec.MalformedEntryException;
import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.ingest.IngestBatchReader;
import io.raftmetrics.cassandra.CassandraConfig;
import io.raftmetrics.cassandra.kairos.KairosValues;
import io.raftmetrics.cassandra.kairos.RowKey;
import io.raftmetrics.cassandra.kairos.RowSpec;
import io.raftmetrics.cassandra.kairos.TagString;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.TreeMap;

/**
 * Turns ingest batches into a {@link WritePlan} following KairosDB's write path (BatchHandler): effective TTL per
 * point, row time and column name from the {@link RowSpec}, the row key bytes, the value encoding of the type, and
 * the index rows of row keys and metric names not yet known to the {@link IndexCache}.
 */
final class WritePlanner {

  /** Cassandra refuses partition keys longer than this. */
  static final int MAX_KEY_BYTES = 65535;

  private static final byte[][] TYPE_UTF8 = new byte[DataType.values().length][];

  static {
    for (DataType t : DataType.values()) {
      TYPE_UTF8[t.ordinal()] = t.kairosName().getBytes(StandardCharsets.UTF_8);
    }
  }

  private final RowSpec spec;
  private final CassandraConfig.Ttl ttl;
  private final IndexCache cache;

  WritePlanner(RowSpec spec, CassandraConfig.Ttl ttl, IndexCache cache) {
    this.spec = spec;
    this.ttl = ttl;
    this.cache = cache;
  }

  /**
   * Checks that every point of a batch can be stored as KairosDB stores it, without planning anything.
   *
   * @return null if it can, else why not
   */
  String validate(IngestBatch batch) {
    try {
      IngestBatchReader r = batch.reader();
      while (r.nextSeries()) {
        if (r.ttlSeconds() > CassandraConfig.MAX_TTL_SECONDS) {
          return "ttl " + r.ttlSeconds() + " of metric " + r.metric() + " exceeds Cassandra's maximum of "
            + CassandraConfig.MAX_TTL_SECONDS + " s";
        }
        int keyBytes = utf8Length(r.metric()) + 11 + TYPE_UTF8[r.type().ordinal()].length;
        for (int i = 0; i < r.tagKeys().length; i++) {
          keyBytes += utf8Length(r.tagKeys()[i]) + utf8Length(r.tagValues()[i]) + 2 + escapes(r.tagKeys()[i])
            + escapes(r.tagValues()[i]);
        }
        if (keyBytes > MAX_KEY_BYTES) {
          return "metric " + abbreviate(r.metric()) + ": name and tags take " + keyBytes
            + " bytes in the row key, more than Cassandra's " + MAX_KEY_BYTES;
        }
        while (r.nextPoint()) {
          // Only strings of more than a third of the limit in chars can reach it in bytes.
          if (r.type() == DataType.STRING && r.stringValue().length() > KairosValues.MAX_UTF_BYTES / 3
            && KairosValues.modifiedUtf8Length(r.stringValue()) > KairosValues.MAX_UTF_BYTES) {
            return "metric " + abbreviate(r.metric()) + ": a string value exceeds KairosDB's limit of "
              + KairosValues.MAX_UTF_BYTES + " bytes";
          }
        }
      }
      return null;
    } catch (MalformedEntryException | IllegalArgumentException e) {
      return "malformed ingest batch: " + e.getMessage();
    }
  }

  /** Adds a batch that {@link #validate} accepted. */
  void add(WritePlan plan, IngestBatch batch, long nowMs) {
    IngestBatchReader r = batch.reader();
    while (r.nextSeries()) {
      String metric = r.metric();
      String[][] tags = sortedTags(r.tagKeys(), r.tagValues());
      byte[] metricUtf8 = metric.getBytes(StandardCharsets.UTF_8);
      byte[] typeUtf8 = TYPE_UTF8[r.type().ordinal()];
      byte[] tagsUtf8 = TagString.format(tags[0], tags[1]).getBytes(StandardCharsets.UTF_8);
      TreeMap<String, String> tagMap = null;
      WritePlan.Partition current = null;
      long currentRowTime = 0;
      long before = plan.points;
      while (r.nextPoint()) {
        long ts = r.timestamp();
        int pointTtl = effectiveTtl(r.ttlSeconds(), ts, nowMs);
        if (pointTtl < 0) {
          plan.droppedExpired++;
          continue;
        }
        long rowTime = spec.rowTime(ts);
        if (current == null || rowTime != currentRowTime) {
          ByteBuffer key = ByteBuffer.wrap(RowKey.serialize(metricUtf8, rowTime, typeUtf8, tagsUtf8));
          current = plan.partitions.get(key);
          if (current == null) {
            WritePlan.NewRowKey index = null;
            if (!cache.hasRowKey(key, nowMs)) {
              tagMap = tagMap != null ? tagMap : toMap(tags);
              index = new WritePlan.NewRowKey(metric, rowTime, r.type().kairosName(), tagMap, rowKeyTtl(pointTtl));
            }
            current = new WritePlan.Partition(key, index);
            plan.partitions.put(key, current);
          }
          currentRowTime = rowTime;
        }
        current.add(spec.columnName(rowTime, ts), value(r), pointTtl);
        if (current.index != null) {
          current.index.extendTtl(rowKeyTtl(pointTtl));
        }
        plan.points++;
      }
      if (plan.points > before && !cache.hasMetricName(metric)) {
        plan.newMetricNames.add(metric);
      }
    }
  }

  /**
   * KairosDB's TTL rule: the default replaces 0 (or everything, when forced); aligned TTLs subtract the point's age
   * and drop points whose TTL ends up at or below 0 or at or above Cassandra's maximum.
   *
   * @return the TTL in seconds (0 = none), or -1 to drop the point
   */
  int effectiveTtl(int eventTtl, long ts, long nowMs) {
    int t = ttl.forceDefault() || eventTtl == 0 ? ttl.defaultSeconds() : eventTtl;
    if (!ttl.alignWithTimestamp()) {
      return t;
    }
    long ageSeconds;
    try {
      ageSeconds = Math.subtractExact(nowMs, ts) / 1000;
    } catch (ArithmeticException e) {
      ageSeconds = ts < 0 ? Long.MAX_VALUE / 2 : Long.MIN_VALUE / 2;
    }
    long aligned = t - ageSeconds;
    return aligned <= 0 || aligned >= CassandraConfig.MAX_TTL_SECONDS ? -1 : (int) aligned;
  }

  /** Index rows outlive the data by one row width; Cassandra caps any TTL at 20 years. */
  int rowKeyTtl(int pointTtl) {
    return pointTtl == 0 ? 0 : (int) Math.min(CassandraConfig.MAX_TTL_SECONDS, pointTtl + spec.widthMillis() / 1000);
  }

  private static byte[] value(IngestBatchReader r) {
    switch (r.type()) {
      case LONG:
        return KairosValues.encodeLong(r.longValue());
      case DOUBLE:
        return KairosValues.encodeDouble(r.doubleValue());
      default:
        return KairosValues.encodeString(r.stringValue());
    }
  }

  private static String[][] sortedTags(String[] keys, String[] values) {
    for (int i = 1; i < keys.length; i++) {
      if (keys[i - 1].compareTo(keys[i]) >= 0) {
        Integer[] order = new Integer[keys.length];
        Arrays.setAll(order, j -> j);
        Arrays.sort(order, Comparator.comparing(j -> keys[j]));
        String[] k = new String[keys.length];
        String[] v = new String[keys.length];
        for (int j = 0; j < order.length; j++) {
          k[j] = keys[order[j]];
          v[j] = values[order[j]];
        }
        return new String[][] {k, v};
      }
    }
    return new String[][] {keys, values};
  }

  private static TreeMap<String, String> toMap(String[][] tags) {
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < tags[0].length; i++) {
      m.put(tags[0][i], tags[1][i]);
    }
    return m;
  }

  private static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static int escapes(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ':' || c == '=') {
        n++;
      }
    }
    return n;
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }
}

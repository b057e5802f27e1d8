package io.raftmetrics.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import io.raftmetrics.api.Addresses;
import io.raftmetrics.cassandra.schema.Replication;
import io.vertx.core.json.JsonObject;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code cassandra} configuration section, validated. Keys and defaults are documented in
 * {@code docs/cassandra.md}; KairosDB's names are kept where a KairosDB setting exists
 * ({@code datapoint_ttl}, {@code align_datapoint_ttl_with_timestamp}, {@code force_default_datapoint_ttl}).
 *
 * @param mode direct or replicated feeding
 * @param connection where and how to connect
 * @param ttl time-to-live policy for points
 * @param batching batch sizes and concurrency
 * @param retry retries of failed writes
 * @param cache sizes of the index-row caches
 * @param stream committed-stream reading (replicated mode)
 */
public record CassandraConfig(Mode mode, Connection connection, Ttl ttl, Batching batching, Retry retry,
                              Cache cache, Stream stream) {

  /** How the verticle is fed. */
  public enum Mode {
    /** Serves {@code ingest.write} and acknowledges once Cassandra acknowledged. */
    DIRECT,
    /** Tails the Raft-committed stream from its watermark. */
    REPLICATED
  }

  /** Consistency levels accepted for reads and writes (the driver's names). */
  public enum Consistency {
    ANY, ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM, EACH_QUORUM;

    /** @return the driver's constant */
    public ConsistencyLevel level() {
      return DefaultConsistencyLevel.valueOf(name());
    }
  }

  /** Connection settings. */
  public record Connection(List<InetSocketAddress> contactPoints, String localDc, String keyspace,
                           Replication replication, boolean replicationConfigured, Consistency writeConsistency,
                           Consistency readConsistency, long requestTimeoutMs, int connectionsPerHost,
                           String protocolVersion, String username, String password) {
  }

  /**
   * KairosDB's TTL settings: the default applies to points whose ttl is 0 (or always, when forced); aligned TTLs
   * subtract the point's age.
   */
  public record Ttl(int defaultSeconds, boolean alignWithTimestamp, boolean forceDefault) {
  }

  /**
   * Batching and flow control. Partitions with fewer than {@code smallPartitionRows} rows in a write share
   * multi-partition batches per replica (KairosDB groups its batches per host the same way); 0 turns that off.
   */
  public record Batching(int maxStatements, int maxBytes, int maxConcurrentRequests, int maxWindowPoints,
                         int maxWindowsInFlight, int smallPartitionRows) {
  }

  /** Exponential backoff; {@code maxAttempts} bounds direct-mode writes, replicated mode retries until it succeeds. */
  public record Retry(int maxAttempts, long initialBackoffMs, long maxBackoffMs) {
  }

  /** Entry counts of the caches that spare rewriting index rows. */
  public record Cache(int rowKeys, int metricNames) {
  }

  /** Replicated mode: which shards to tail, under which consumer name, and how. */
  public record Stream(int shards, String consumer, int maxEntries, int maxBytes, long pollIntervalMs,
                       long watermarkIntervalMs, long requestTimeoutMs) {
  }

  private static final Pattern KEYSPACE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");
  private static final Pattern CONSUMER = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[^:\\s]+)(?::([0-9]{1,5}))?");

  /** Cassandra's own ceiling for a TTL: 20 years. */
  public static final int MAX_TTL_SECONDS = 630_720_000;

  /**
   * @param json the {@code cassandra} section
   * @throws ConfigException naming the first missing or invalid key
   */
  public static CassandraConfig from(JsonObject json) {
    ConfigReader r = new ConfigReader(json, "");
    Mode mode = r.enumeration("mode", Mode.class, null);
    return new CassandraConfig(mode, connection(r), ttl(r), batching(r.section("batch")), retry(r.section("retry")),
      cache(r.section("cache")), stream(r));
  }

  private static Connection connection(ConfigReader r) {
    int port = r.integer("port", 9042, 1, 65535);
    List<InetSocketAddress> points = new ArrayList<>();
    for (String s : r.strings("contact_points")) {
      var m = HOST_PORT.matcher(s);
      if (!m.matches()) {
        throw new ConfigException("contact_points", "not host[:port]: " + s);
      }
      String host = m.group(1).replace("[", "").replace("]", "");
      int p = m.group(2) == null ? port : Integer.parseInt(m.group(2));
      if (p < 1 || p > 65535) {
        throw new ConfigException("contact_points", "bad port in " + s);
      }
      // Unresolved: name resolution is the driver's job, off the event loop.
      points.add(InetSocketAddress.createUnresolved(host, p));
    }
    String keyspace = r.string("keyspace", null);
    if (!KEYSPACE.matcher(keyspace).matches()) {
      throw new ConfigException("keyspace", "must be a CQL identifier of 1-48 letters, digits or _ (got "
        + keyspace + ")");
    }
    Replication replication = replication(r);
    String user = r.optionalString("username");
    String password = r.optionalString("password");
    if ((user == null) != (password == null)) {
      throw new ConfigException(user == null ? "username" : "password", "missing (username and password go together)");
    }
    return new Connection(List.copyOf(points), r.string("local_dc", "datacenter1"),
      keyspace.toLowerCase(Locale.ROOT), replication, r.has("replication"),
      r.enumeration("write_consistency", Consistency.class, Consistency.QUORUM),
      r.enumeration("read_consistency", Consistency.class, Consistency.ONE),
      r.number("request_timeout_ms", 10_000, 100, 600_000), r.integer("connections_per_host", 1, 1, 64),
      protocolVersion(r), user, password);
  }

  private static String protocolVersion(ConfigReader r) {
    String v = r.string("protocol_version", "V4").toUpperCase(Locale.ROOT);
    if (!v.equals("V4") && !v.equals("V5")) {
      throw new ConfigException("protocol_version", "must be V4 or V5 (got " + v + ")");
    }
    return v;
  }

  private static Replication replication(ConfigReader r) {
    Object v = r.raw("replication");
    try {
      if (v == null) {
        return Replication.DEFAULT;
      }
      if (v instanceof String) {
        return Replication.parse((String) v);
      }
      if (v instanceof JsonObject) {
        return Replication.of((JsonObject) v);
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException("replication", e.getMessage());
    }
    throw new ConfigException("replication", "must be an object or a CQL map literal");
  }

  private static Ttl ttl(ConfigReader r) {
    return new Ttl(r.integer("datapoint_ttl", 0, 0, MAX_TTL_SECONDS),
      r.bool("align_datapoint_ttl_with_timestamp", false), r.bool("force_default_datapoint_ttl", false));
  }

  private static Batching batching(ConfigReader r) {
    return new Batching(r.integer("max_statements", 100, 1, 65535), r.integer("max_bytes", 40 * 1024, 1024, 1 << 24),
      r.integer("max_concurrent_requests", 32, 1, 4096), r.integer("max_window_points", 20_000, 1, 1_000_000),
      r.integer("max_windows_in_flight", 2, 1, 64), r.integer("small_partition_rows", 10, 0, 65535));
  }

  private static Retry retry(ConfigReader r) {
    long initial = r.number("initial_backoff_ms", 100, 1, 600_000);
    long max = r.number("max_backoff_ms", 5_000, 1, 3_600_000);
    if (max < initial) {
      throw new ConfigException(r.key("max_backoff_ms"), "must be >= initial_backoff_ms");
    }
    return new Retry(r.integer("max_attempts", 5, 1, 1000), initial, max);
  }

  private static Cache cache(ConfigReader r) {
    return new Cache(r.integer("row_keys", 100_000, 0, 100_000_000), r.integer("metric_names", 10_000, 0, 10_000_000));
  }

  private static Stream stream(ConfigReader top) {
    ConfigReader r = top.section("stream");
    String consumer = top.string("consumer", "cassandra");
    if (!CONSUMER.matcher(consumer).matches()) {
      throw new ConfigException("consumer", "must be 1-64 letters, digits, '.', '_' or '-' (got " + consumer + ")");
    }
    return new Stream(top.integer("shards", 1, 1, Addresses.MAX_SHARDS), consumer,
      r.integer("max_entries", 512, 1, 100_000), r.integer("max_bytes", 8 << 20, 1024, 1 << 30),
      r.number("poll_interval_ms", 100, 1, 60_000), r.number("watermark_interval_ms", 1_000, 1, 3_600_000),
      r.number("request_timeout_ms", 10_000, 100, 600_000));
  }
}

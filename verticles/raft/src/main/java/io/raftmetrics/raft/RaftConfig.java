package io.raftmetrics.raft;

import io.raftmetrics.api.Addresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The validated {@code raft} configuration section. Every key and its default is documented in {@code docs/raft.md}.
 *
 * @param nodeId this node's Raft peer id
 * @param address where this node's Ratis server listens, as advertised to the others
 * @param bindHost the interface the server binds ({@code bind_host}, default the host of {@code address})
 * @param peers the members of every shard group, this node included
 * @param shards number of shards, each one Raft group
 * @param storageDir Ratis logs and snapshots
 * @param replicaDir DuckDB replica files {@code shard-N.duckdb}
 * @param requestTimeoutMs upper bound of an event-bus request to this role
 * @param snapshotIntervalEntries applied entries between two snapshots
 * @param electionTimeoutMinMs lower bound of the randomised election timeout
 * @param electionTimeoutMaxMs upper bound of the randomised election timeout
 * @param logSegmentSizeBytes size at which a log segment is closed (the unit of purging)
 * @param logPurgeGap minimum number of entries between two purges
 * @param purgeUpToSnapshot purge up to a snapshot even if a follower still needs the entries (it then installs the
 *   snapshot); by default the log is kept down to the lowest commit index of the group's members
 * @param maxEntryBytes largest log entry accepted (413 beyond)
 * @param maxInflight writes in flight per shard before new ones are refused with 503
 * @param join create missing groups empty, to be added by the leader through the admin API (a new or wiped peer),
 *   instead of with {@code peers} as their first configuration
 * @param spreadLeaders give shard {@code s} a preferred leader, the peer at position {@code s mod peers} (Ratis
 *   priority), so that the shards' leaders spread over the nodes; applied when a group is created
 * @param statusIntervalMs how often the node publishes its status on the event bus (0: never)
 * @param maxConsumerLagEntries a registered consumer whose watermark is more than this many entries behind the
 *   applied index no longer holds the log back (0: it always does)
 * @param membershipTimeoutMs upper bound of one group's membership change (the new peer's catch-up included)
 */
public record RaftConfig(String nodeId, HostPort address, String bindHost, List<Peer> peers, int shards,
                         Path storageDir, Path replicaDir, long requestTimeoutMs, long snapshotIntervalEntries,
                         long electionTimeoutMinMs, long electionTimeoutMaxMs, long logSegmentSizeBytes,
                         int logPurgeGap, boolean purgeUpToSnapshot, int maxEntryBytes, int maxInflight,
                         boolean join, boolean spreadLeaders, long statusIntervalMs, long maxConsumerLagEntries,
                         long membershipTimeoutMs) {

  public static final int DEFAULT_SHARDS = 1;
  public static final String DEFAULT_STORAGE_DIR = "./data/raft";
  public static final String DEFAULT_REPLICA_DIR = "./data/replica";
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
  public static final long DEFAULT_SNAPSHOT_INTERVAL_ENTRIES = 10_000;
  public static final long DEFAULT_ELECTION_TIMEOUT_MIN_MS = 600;
  public static final long DEFAULT_ELECTION_TIMEOUT_MAX_MS = 1_200;
  public static final long DEFAULT_LOG_SEGMENT_SIZE_BYTES = 32L << 20;
  public static final int DEFAULT_LOG_PURGE_GAP = 1024;
  public static final int DEFAULT_MAX_ENTRY_BYTES = 8 << 20;
  public static final int DEFAULT_MAX_INFLIGHT = 256;
  public static final long DEFAULT_STATUS_INTERVAL_MS = 1_000;
  public static final long DEFAULT_MEMBERSHIP_TIMEOUT_MS = 120_000;

  /** A {@code host:port} pair. */
  public record HostPort(String host, int port) {
    @Override
    public String toString() {
      return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
  }

  /** A member of the shard groups. */
  public record Peer(String id, HostPort address) {
  }

  /**
   * Validates a {@code raft} section.
   *
   * @throws RaftConfigException naming the first missing or invalid key
   */
  public static RaftConfig from(JsonObject json) {
    String nodeId = string(json, "node_id", null);
    HostPort address = hostPort("address", string(json, "address", null));
    String bindHost = string(json, "bind_host", address.host());
    List<Peer> peers = peers(json);
    Peer self = peers.stream().filter(p -> p.id().equals(nodeId)).findFirst()
      .orElseThrow(() -> new RaftConfigException("node_id", "'" + nodeId + "' is not one of raft.peers"));
    if (self.address().port() != address.port()) {
      throw new RaftConfigException("address", "port " + address.port() + " differs from the raft.peers entry of '"
        + nodeId + "' (" + self.address() + ")");
    }
    long electionMin = number(json, "election_timeout_min_ms", DEFAULT_ELECTION_TIMEOUT_MIN_MS, 10, 600_000);
    long electionMax = number(json, "election_timeout_max_ms", Math.max(DEFAULT_ELECTION_TIMEOUT_MAX_MS,
      2 * electionMin), electionMin + 1, 1_200_000);
    return new RaftConfig(nodeId, address, bindHost, peers,
      (int) number(json, "shards", DEFAULT_SHARDS, 1, Addresses.MAX_SHARDS),
      Path.of(string(json, "storage_dir", DEFAULT_STORAGE_DIR)),
      Path.of(string(json, "replica_dir", DEFAULT_REPLICA_DIR)),
      number(json, "request_timeout_ms", DEFAULT_REQUEST_TIMEOUT_MS, 100, 3_600_000),
      number(json, "snapshot_interval_entries", DEFAULT_SNAPSHOT_INTERVAL_ENTRIES, 1, Long.MAX_VALUE),
      electionMin, electionMax,
      number(json, "log_segment_size_bytes", DEFAULT_LOG_SEGMENT_SIZE_BYTES, 16 << 10, 1L << 30),
      (int) number(json, "log_purge_gap", DEFAULT_LOG_PURGE_GAP, 1, Integer.MAX_VALUE),
      bool(json, "purge_up_to_snapshot", false),
      (int) number(json, "max_entry_bytes", DEFAULT_MAX_ENTRY_BYTES, 64 << 10, 64 << 20),
      (int) number(json, "max_inflight", DEFAULT_MAX_INFLIGHT, 1, 10_000),
      bool(json, "join", false),
      bool(json, "spread_leaders", true),
      number(json, "status_interval_ms", DEFAULT_STATUS_INTERVAL_MS, 0, 3_600_000),
      number(json, "max_consumer_lag_entries", 0, 0, Long.MAX_VALUE),
      number(json, "membership_timeout_ms", DEFAULT_MEMBERSHIP_TIMEOUT_MS, 1_000, 3_600_000));
  }

  private static List<Peer> peers(JsonObject json) {
    Object raw = json.getValue("peers");
    if (raw == null) {
      throw new RaftConfigException("peers", "missing");
    }
    if (!(raw instanceof JsonArray) || ((JsonArray) raw).isEmpty()) {
      throw new RaftConfigException("peers", "must be a non-empty list of {id, address}");
    }
    List<Peer> peers = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    JsonArray array = (JsonArray) raw;
    for (int i = 0; i < array.size(); i++) {
      String key = "peers[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject)) {
        throw new RaftConfigException(key, "must be an object {id, address}");
      }
      JsonObject p = array.getJsonObject(i);
      String id = string(p, "id", null, key + ".id");
      HostPort address = hostPort(key + ".address", string(p, "address", null, key + ".address"));
      if (!ids.add(id)) {
        throw new RaftConfigException(key + ".id", "duplicate peer id '" + id + "'");
      }
      peers.add(new Peer(id, address));
    }
    return List.copyOf(peers);
  }

  private static String string(JsonObject json, String key, String defaultValue) {
    return string(json, key, defaultValue, key);
  }

  private static String string(JsonObject json, String key, String defaultValue, String path) {
    Object v = json.getValue(key);
    if (v == null) {
      if (defaultValue == null) {
        throw new RaftConfigException(path, "missing");
      }
      return defaultValue;
    }
    if (!(v instanceof String) || ((String) v).isBlank()) {
      throw new RaftConfigException(path, "must be a non-empty string");
    }
    return ((String) v).trim();
  }

  private static long number(JsonObject json, String key, long defaultValue, long min, long max) {
    Object v = json.getValue(key);
    if (v == null) {
      return defaultValue;
    }
    long n;
    if (v instanceof Number && ((Number) v).doubleValue() == ((Number) v).longValue()) {
      n = ((Number) v).longValue();
    } else {
      try {
        n = Long.parseLong(String.valueOf(v).trim());
      } catch (NumberFormatException e) {
        throw new RaftConfigException(key, "must be an integer, got '" + v + "'");
      }
    }
    if (n < min || n > max) {
      throw new RaftConfigException(key, "must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  private static boolean bool(JsonObject json, String key, boolean defaultValue) {
    Object v = json.getValue(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    if ("true".equals(v) || "false".equals(v)) {
      return Boolean.parseBoolean((String) v);
    }
    throw new RaftConfigException(key, "must be true or false, got '" + v + "'");
  }

  private static HostPort hostPort(String key, String value) {
    int colon = value.lastIndexOf(':');
    String host = colon > 0 ? value.substring(0, colon) : "";
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = colon > 0 ? Integer.parseInt(value.substring(colon + 1)) : -1;
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw new RaftConfigException(key, "must be host:port with a port in 1..65535, got '" + value + "'");
    }
    return new HostPort(host, port);
  }
}

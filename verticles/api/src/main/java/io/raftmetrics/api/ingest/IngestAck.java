package io.raftmetrics.api.ingest;

import io.vertx.core.json.JsonObject;

/**
 * Reply to {@link io.raftmetrics.api.Addresses#INGEST_WRITE} and {@link io.raftmetrics.api.Addresses#LOG_SUBMIT}:
 * the entry is durable (committed to a quorum of Raft logs, or written to Cassandra in direct mode).
 *
 * @param shard shard the entry went to
 * @param index Raft log index of the entry, or -1 in direct mode
 * @param points points in the entry (0 for non-ingest entries)
 * @param duplicate true if the batch id had already been applied and this entry was skipped
 */
public record IngestAck(int shard, long index, int points, boolean duplicate) {

  public JsonObject toJson() {
    return new JsonObject().put("shard", shard).put("index", index).put("points", points).put("duplicate", duplicate);
  }

  public static IngestAck fromJson(JsonObject json) {
    return new IngestAck(json.getInteger("shard"), json.getLong("index"), json.getInteger("points"),
      json.getBoolean("duplicate", false));
  }
}

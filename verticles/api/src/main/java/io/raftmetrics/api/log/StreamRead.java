package io.raftmetrics.api.log;

import io.vertx.core.json.JsonObject;

/**
 * Request for committed entries of a shard, starting at {@code fromIndex}, sent to
 * {@link io.raftmetrics.api.Addresses#STREAM_READ}.
 *
 * @param shard shard to read
 * @param fromIndex first log index wanted
 * @param maxEntries upper bound on the entries returned; 0 asks only for the positions (commit index, first available
 *   index and the consumer's watermark), which is how a consumer learns where to resume
 * @param maxBytes soft upper bound on the bytes returned (at least one entry is returned if available)
 * @param consumer the reading consumer's name, whose watermark as recorded through Raft the reply carries; or null
 */
public record StreamRead(int shard, long fromIndex, int maxEntries, int maxBytes, String consumer) {

  public StreamRead(int shard, long fromIndex, int maxEntries, int maxBytes) {
    this(shard, fromIndex, maxEntries, maxBytes, null);
  }

  public JsonObject toJson() {
    return new JsonObject().put("shard", shard).put("fromIndex", fromIndex).put("maxEntries", maxEntries)
      .put("maxBytes", maxBytes).put("consumer", consumer);
  }

  public static StreamRead fromJson(JsonObject j) {
    return new StreamRead(j.getInteger("shard"), j.getLong("fromIndex"), j.getInteger("maxEntries"),
      j.getInteger("maxBytes"), j.getString("consumer"));
  }
}

package io.raftmetrics.gateway.http;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.api.ingest.IngestBatch;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Sends the per-shard batches of one request and completes when every shard acknowledged (the batch is durable), or
 * fails with the first failure. A batch goes to the raft node leading its shard ({@link Addresses#ingestLeader(int)}),
 * or, when no node serves that address (a leader being elected, direct mode without raft), to
 * {@link Addresses#INGEST_WRITE}, which any raft node (or the cassandra role in direct mode) serves.
 */
public final class IngestSubmitter {

  private final Bus bus;

  public IngestSubmitter(Bus bus) {
    this.bus = bus;
  }

  public Future<List<IngestAck>> submit(List<IngestBatch> batches) {
    List<Future<IngestAck>> acks = new ArrayList<>(batches.size());
    for (IngestBatch b : batches) {
      acks.add(bus.<IngestAck>request(Addresses.ingestLeader(b.shard()), b).recover(err ->
        err instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS
          ? bus.request(Addresses.INGEST_WRITE, b) : Future.failedFuture(err)));
    }
    return Future.all(acks).map(all -> acks.stream().map(Future::result).toList());
  }

  /**
   * Batch ids for one request. With an {@code Idempotency-Key} header the ids derive from the key, so a client
   * retrying the same request after a timeout sends the same batch ids and the cluster applies it once; otherwise
   * they are random.
   */
  public static Supplier<UUID> batchIds(String idempotencyKey) {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      return () -> {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID(r.nextLong(), r.nextLong());
      };
    }
    int[] n = {0};
    return () -> UUID.nameUUIDFromBytes((idempotencyKey + '\n' + n[0]++).getBytes(StandardCharsets.UTF_8));
  }
}

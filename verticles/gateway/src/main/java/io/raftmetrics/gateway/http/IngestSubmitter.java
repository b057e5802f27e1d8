package io.raftmetrics.gateway.http;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.api.ingest.IngestBatch;
import io.vertx.core.Future;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Sends the per-shard batches of one request and completes when every shard acknowledged (the batch is durable), or
 * fails with the first failure. A batch goes, in this order, to the first of these that has a consumer:
 * <ol>
 *   <li>this JVM's raft node, if it leads the batch's shard ({@link Addresses#ingestLeader(int)}, local only);</li>
 *   <li>this JVM's raft node otherwise ({@link Addresses#INGEST_WRITE}, local only): Ratis knows the leader and
 *     forwards, and it answers for itself, so a dead node's event-bus consumers, which the cluster keeps for a few
 *     seconds after a crash, are never on this path;</li>
 *   <li>the raft node leading the shard, anywhere (a gateway-only JVM);</li>
 *   <li>any raft node, or the cassandra role in direct mode ({@link Addresses#INGEST_WRITE}), while no node serves
 *     the leader address (an election).</li>
 * </ol>
 */
public final class IngestSubmitter {

  private final Bus bus;

  public IngestSubmitter(Bus bus) {
    this.bus = bus;
  }

  public Future<List<IngestAck>> submit(List<IngestBatch> batches) {
    List<Future<IngestAck>> acks = new ArrayList<>(batches.size());
    for (IngestBatch b : batches) {
      String leader = Addresses.ingestLeader(b.shard());
      acks.add(bus.<IngestAck>requestLocal(leader, b)
        .recover(err -> Bus.noHandlers(err) ? bus.<IngestAck>requestLocal(Addresses.INGEST_WRITE, b) : failed(err))
        .recover(err -> Bus.noHandlers(err) ? bus.<IngestAck>request(leader, b) : failed(err))
        .recover(err -> Bus.noHandlers(err) ? bus.<IngestAck>request(Addresses.INGEST_WRITE, b) : failed(err)));
    }
    return Future.all(acks).map(all -> acks.stream().map(Future::result).toList());
  }

  private static Future<IngestAck> failed(Throwable err) {
    return Future.failedFuture(err);
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

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
 * Sends the per-shard batches of one request to {@link Addresses#INGEST_WRITE} and completes when every shard
 * acknowledged (the batch is durable), or fails with the first failure.
 */
public final class IngestSubmitter {

  private final Bus bus;

  public IngestSubmitter(Bus bus) {
    this.bus = bus;
  }

  public Future<List<IngestAck>> submit(List<IngestBatch> batches) {
    List<Future<IngestAck>> acks = new ArrayList<>(batches.size());
    for (IngestBatch b : batches) {
      acks.add(bus.request(Addresses.INGEST_WRITE, b));
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

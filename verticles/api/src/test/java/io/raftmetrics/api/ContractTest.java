package io.raftmetrics.api;

import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.ingest.IngestBatchWriter;
import io.raftmetrics.api.log.DeleteEntry;
import io.raftmetrics.api.log.EntryKind;
import io.raftmetrics.api.log.StreamChunk;
import io.raftmetrics.api.log.WatermarkEntry;
import io.raftmetrics.api.query.Aggregate;
import io.raftmetrics.api.query.AggregateRequest;
import io.raftmetrics.api.query.AggregateResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.impl.CodecManager;
import io.vertx.core.eventbus.impl.EventBusImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Log entries, addresses and sharding: the parts of the contract other nodes and other processes rely on. */
class ContractTest {

  @Test
  void logEntriesRoundTripAndSayWhatTheyAre() {
    DeleteEntry delete = new DeleteEntry("cpu", Map.of("host", List.of("a", "regex:b.*")), Long.MIN_VALUE, 99L);
    assertThat(DeleteEntry.decode(delete.encode())).isEqualTo(delete);
    assertThat(EntryKind.of(delete.encode())).isEqualTo(EntryKind.DELETE);
    assertThat(new DeleteEntry("cpu", Map.of(), Long.MIN_VALUE, Long.MAX_VALUE).wholeMetric()).isTrue();
    assertThat(delete.wholeMetric()).isFalse();

    WatermarkEntry mark = new WatermarkEntry("cassandra", 2, 1234L);
    assertThat(WatermarkEntry.decode(mark.encode())).isEqualTo(mark);
    assertThat(EntryKind.of(mark.encode())).isEqualTo(EntryKind.WATERMARK);

    StreamChunk chunk = new StreamChunk(1, List.of(new StreamChunk.Entry(5, mark.encode()),
      new StreamChunk.Entry(9, delete.encode())), 12, 3, 4);
    StreamChunk back = StreamChunk.decode(chunk.encode());
    assertThat(back.entries()).hasSize(2);
    assertThat(back.entries().get(1).index()).isEqualTo(9);
    assertThat(back.entries().get(1).data()).isEqualTo(delete.encode());
    assertThat(List.of(back.shard(), back.commitIndex(), back.firstAvailable(), back.consumerWatermark()))
      .containsExactly(1, 12L, 3L, 4L);
  }

  @Test
  void shardsAreStableAcrossRunsAndJvms() {
    // fixed values: changing the hash would move every metric to another Raft group
    assertThat(Sharding.shardOf("sys.cpu", 1)).isZero();
    assertThat(Sharding.hash("sys.cpu")).isEqualTo(Sharding.hash(new String("sys.cpu")));
    int[] counts = new int[4];
    for (int i = 0; i < 4000; i++) {
      counts[Sharding.shardOf("metric." + i, 4)]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(850, 1150);
    }
    assertThat(Addresses.queryShard(3)).isEqualTo("raftmetrics.v1.query.shard.3");
    assertThatThrownBy(() -> Addresses.queryShard(Addresses.MAX_SHARDS)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void errorCodesAreHttpStatuses() {
    assertThat(ErrorCode.of(503)).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(ErrorCode.of(418)).isEqualTo(ErrorCode.INTERNAL);
  }

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx.eventBus());
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  /**
   * What another JVM receives: the record through its registered codec's wire form. A local event bus never encodes,
   * so the codec is looked up the way a clustered one would, in the event bus' codec manager (not public API).
   */
  @SuppressWarnings("unchecked")
  private static <T> T overTheWire(T value) throws ReflectiveOperationException {
    Field f = EventBusImpl.class.getDeclaredField("codecManager");
    f.setAccessible(true);
    CodecManager codecs = (CodecManager) f.get(vertx.eventBus());
    MessageCodec<T, T> codec = (MessageCodec<T, T>) codecs.lookupCodec(value, null, false);
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, value);
    return codec.decodeFromWire(0, wire);
  }

  @Test
  void everyPayloadCrossesJvmsThroughItsCodec() throws Exception {
    IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), 7, 0);
    TreeMap<String, String> tags = new TreeMap<>(Map.of("h", "a"));
    w.startMetric("m", tags, 0).addDouble(1, 2.5).endMetric();
    IngestBatch batch = w.finish();
    assertThat(overTheWire(batch).bytes()).isEqualTo(batch.bytes());

    AggregateRequest req = new AggregateRequest("cpu", 0, 100, 60_000, List.of(Aggregate.AVG, Aggregate.P99),
      List.of("host"), Map.of("dc", "x"), Aggregate.AVG, true, 5, false);
    assertThat(overTheWire(req)).isEqualTo(req);

    Map<String, Object> aggs = new LinkedHashMap<>();
    aggs.put("count", 3L);
    aggs.put("avg", null);
    AggregateResult result = new AggregateResult(aggs, List.of(new AggregateResult.Window(0, 60_000, aggs)), List.of());
    AggregateResult back = overTheWire(result);
    assertThat(back.aggregations()).containsEntry("count", 3L).containsEntry("avg", null);
    assertThat(back.windows().get(0).end()).isEqualTo(60_000);
  }
}

package io.raftmetrics.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.ingest.IngestBatchReader;
import io.raftmetrics.cassandra.kairos.RowSpec;
import io.raftmetrics.gateway.ingest.IngestLimits;
import io.raftmetrics.gateway.ingest.KairosIngestParser;
import io.raftmetrics.gateway.ingest.KairosIngestResult;
import io.raftmetrics.testkit.Fixtures;
import io.raftmetrics.testkit.cassandra.CassandraExtension;
import io.raftmetrics.testkit.cassandra.CassandraKeyspace;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorded ingest requests of a real KairosDB 1.3 ({@code dataset.json}), parsed by the gateway's KairosDB parser
 * and written in direct mode, produce exactly the rows KairosDB wrote into Cassandra 5.0.6 ({@code storage.json}):
 * every table, every column, in the same token order; write times and {@code mtime} are server- or clock-generated
 * and only checked for shape (13-digit milliseconds, a time-based UUID), TTLs for presence and value. The schema is
 * the one KairosDB created ({@code schema.cql}), and KairosDB's read path returns exactly the points sent.
 */
@ExtendWith(CassandraExtension.class)
class KairosFixtureStorageTest {

  private static final String FIXTURE_KEYSPACE = "kairosdb_pub";

  private static Vertx vertx;
  private static CqlSession session;
  private static CassandraKeyspace ks;
  /** (metric, tags, type, timestamp) to value, last write winning, from the parsed batches. */
  private static final Map<String, Map<String, Object>> expected = new TreeMap<>();

  @BeforeAll
  static void ingestDataset(CassandraKeyspace keyspace) throws Exception {
    ks = keyspace;
    vertx = CassandraTestSupport.vertx();
    CassandraTestSupport.deploy(vertx, CassandraTestSupport.config(ks, "direct"));
    session = CassandraTestSupport.session(ks);
    KairosIngestParser parser = new KairosIngestParser(IngestLimits.DEFAULTS);
    for (JsonElement e : Fixtures.json("dataset.json").getAsJsonArray()) {
      JsonObject request = e.getAsJsonObject();
      KairosIngestResult parsed = parser.parse(request.get("body").getAsString().getBytes(StandardCharsets.UTF_8), 1,
        UUID::randomUUID, System.currentTimeMillis());
      assertThat(parsed.status().httpStatus()).as(request.get("description").getAsString())
        .isEqualTo(request.get("response_status").getAsInt());
      for (IngestBatch batch : parsed.batches()) {
        remember(batch);
        vertx.eventBus().request(Addresses.INGEST_WRITE, batch).await(60, TimeUnit.SECONDS);
      }
    }
  }

  @AfterAll
  static void close() throws Exception {
    CassandraTestSupport.close(session, vertx);
  }

  @Test
  void everyTableHoldsKairosDbsRows() {
    JsonObject tables = Fixtures.json("storage.json").getAsJsonObject().getAsJsonObject("tables");
    assertThat(tables.keySet()).containsExactlyInAnyOrder("data_points", "row_key_index", "row_key_time_index",
      "row_keys", "service_index", "spec", "string_index", "tag_indexed_row_keys");
    for (String table : tables.keySet()) {
      JsonObject recorded = tables.getAsJsonObject(table);
      List<Map<String, Object>> theirs = new ArrayList<>();
      for (JsonElement row : recorded.getAsJsonArray("rows")) {
        Map<String, Object> r = TableDump.fromJson(row.getAsJsonObject());
        if (!"_Hosts".equals(r.get("service"))) {
          theirs.add(r);
        }
      }
      List<Map<String, Object>> ours = TableDump.dump(session, recorded.get("select").getAsString(),
        FIXTURE_KEYSPACE, ks.name());
      assertThat(ours).as(table + " row count").hasSize(theirs.size());
      for (int i = 0; i < theirs.size(); i++) {
        assertSameRow(table + " row " + i, ours.get(i), theirs.get(i));
      }
    }
  }

  @Test
  void schemaIsKairosDbs() {
    KeyspaceMetadata meta = session.refreshSchema().getKeyspace(ks.name()).orElseThrow();
    String ours = meta.describeWithChildren(true).replace(ks.name() + ".", FIXTURE_KEYSPACE + ".")
      .replace("KEYSPACE " + ks.name() + " ", "KEYSPACE " + FIXTURE_KEYSPACE + " ");
    String theirs = Fixtures.read(Fixtures.kairosDir().resolve("schema.cql"));
    theirs = theirs.substring(theirs.indexOf("CREATE KEYSPACE"));
    assertThat(ours.strip()).isEqualTo(theirs.strip());
  }

  @Test
  void kairosDbsReadPathReturnsEveryPointSent() {
    KairosReader reader = new KairosReader(session, ks.name(), RowSpec.DEFAULT);
    assertThat(reader.metricNames()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (Map.Entry<String, Map<String, Object>> metric : expected.entrySet()) {
      Map<String, Object> got = new HashMap<>();
      for (KairosReader.Point p : reader.read(metric.getKey(), Long.MIN_VALUE / 2, Long.MAX_VALUE / 2)) {
        got.put(pointKey(p.tags(), p.type(), p.timestamp()), p.value());
      }
      assertThat(got).as(metric.getKey()).isEqualTo(metric.getValue());
    }
  }

  private static void assertSameRow(String what, Map<String, Object> ours, Map<String, Object> theirs) {
    assertThat(ours.keySet()).as(what + " columns").isEqualTo(theirs.keySet());
    for (String column : theirs.keySet()) {
      Object t = theirs.get(column);
      Object o = ours.get(column);
      String where = what + " column " + column + " (theirs " + theirs + ", ours " + ours + ")";
      if (column.startsWith("writetime_")) {
        assertThat(o == null).as(where).isEqualTo(t == null);
        if (o != null) {
          assertThat(Long.toString((Long) o)).as(where + " is milliseconds").hasSize(13);
        }
      } else if (column.startsWith("ttl_")) {
        // Theirs was read ~24 s after the write, ours right after it: both count down from the same TTL.
        assertThat(o == null).as(where).isEqualTo(t == null);
        if (o != null) {
          assertThat((Long) o).as(where).isBetween((Long) t, (Long) t + 120);
        }
      } else if (column.equals("mtime")) {
        assertThat(o == null).as(where).isEqualTo(t == null);
        if (o != null) {
          assertThat(UUID.fromString((String) o).version()).as(where).isEqualTo(1);
        }
      } else {
        assertThat(o).as(where).isEqualTo(t);
      }
    }
  }

  private static void remember(IngestBatch batch) {
    IngestBatchReader r = batch.reader();
    while (r.nextSeries()) {
      TreeMap<String, String> tags = new TreeMap<>();
      for (int i = 0; i < r.tagKeys().length; i++) {
        tags.put(r.tagKeys()[i], r.tagValues()[i]);
      }
      Map<String, Object> points = expected.computeIfAbsent(r.metric(), m -> new HashMap<>());
      while (r.nextPoint()) {
        Object value = switch (r.type()) {
          case LONG -> r.longValue();
          case DOUBLE -> r.doubleValue();
          case STRING -> r.stringValue();
        };
        points.put(pointKey(tags, r.type().kairosName(), r.timestamp()), value);
      }
    }
  }

  private static String pointKey(Map<String, String> tags, String type, long ts) {
    return tags + "|" + type + "|" + ts;
  }
}

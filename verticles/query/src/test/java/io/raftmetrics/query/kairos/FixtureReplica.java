package io.raftmetrics.query.kairos;

import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.kairos.KairosMetricQuery;
import io.raftmetrics.api.log.DeleteEntry;
import io.raftmetrics.gateway.ingest.IngestLimits;
import io.raftmetrics.gateway.ingest.KairosIngestParser;
import io.raftmetrics.gateway.ingest.KairosIngestResult;
import io.raftmetrics.gateway.kairos.KairosQueryParser;
import io.raftmetrics.gateway.kairos.QueryError;
import io.raftmetrics.query.ShardReader;
import io.raftmetrics.store.DuckReplica;
import io.raftmetrics.store.Replica;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real DuckDB replica of shard 0 answering KairosDB requests the way the node does, without HTTP: the gateway's
 * parsers turn bodies into batches and metric queries, the engine answers, {@code save_as} and deletes are applied
 * as the Raft log would apply them.
 */
final class FixtureReplica implements AutoCloseable {

  /** A status and a body, as the HTTP answer would carry them. */
  record Answer(int status, String body) {
  }

  final Replica replica;
  final ShardReader reader;
  private final KairosIngestParser ingest = new KairosIngestParser(IngestLimits.DEFAULTS);
  private final KairosQueryParser parser = new KairosQueryParser();
  private long index;

  FixtureReplica(Path dir) throws Exception {
    replica = DuckReplica.open(0, dir.resolve("shard-0.duckdb"), null);
    reader = ShardReader.open(replica, 60);
  }

  /** Ingests a KairosDB {@code POST /api/v1/datapoints} body; returns the parser's errors. */
  List<String> ingest(String body) {
    KairosIngestResult r = ingest.parse(body.getBytes(StandardCharsets.UTF_8), 1, UUID::randomUUID,
      System.currentTimeMillis());
    r.batches().forEach(b -> replica.apply(1, ++index, b.bytes()));
    return r.errors();
  }

  void apply(byte[] entry) {
    replica.apply(1, ++index, entry);
  }

  Answer query(String json) {
    return run(json, false);
  }

  Answer queryTags(String json) {
    return run(json, true);
  }

  private Answer run(String json, boolean tags) {
    List<KairosMetricQuery> metrics;
    try {
      metrics = parser.parse(json, System.currentTimeMillis());
    } catch (QueryError e) {
      return error(e.status(), e.messages());
    }
    StringBuilder body = new StringBuilder("{\"queries\":[");
    for (KairosMetricQuery m : metrics) {
      try {
        String fragment = reader.read(r -> tags ? TagQueries.queryTags(r, m) : runOne(r, m));
        body.append(m.position() == 0 ? "" : ",").append(fragment);
      } catch (KairosQueryException e) {
        return error(e.code() == ErrorCode.LIMIT_EXCEEDED ? 400 : e.code().code(), List.of(e.getMessage()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return new Answer(200, body.append("]}").toString());
  }

  private String runOne(ShardReader r, KairosMetricQuery m) throws java.sql.SQLException {
    KairosQueryEngine.Result result = KairosQueryEngine.run(r, m, new QueryBudget(50_000_000, 60_000),
      System.currentTimeMillis());
    for (IngestBatch b : SaveBatches.of(result.saves(), 1, System.currentTimeMillis())) {
      apply(b.bytes());
    }
    return result.json();
  }

  Answer delete(String json) {
    try {
      for (KairosMetricQuery m : parser.parse(json, System.currentTimeMillis())) {
        apply(new DeleteEntry(m.name(), m.tags(), m.startMs(), m.endMs()).encode());
      }
      return new Answer(204, "");
    } catch (QueryError e) {
      return error(e.status(), e.messages());
    }
  }

  Answer deleteMetric(String name) {
    apply(new DeleteEntry(name, Map.of(), Long.MIN_VALUE, Long.MAX_VALUE).encode());
    return new Answer(204, "");
  }

  private static Answer error(int status, List<String> messages) {
    return new Answer(status, new JsonObject().put("errors", new JsonArray(new ArrayList<>(messages))).encode());
  }

  @Override
  public void close() throws Exception {
    reader.close();
    replica.close();
  }
}

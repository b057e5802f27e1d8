package io.raftmetrics.cassandra.schema;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import io.raftmetrics.cassandra.ConfigException;
import io.raftmetrics.cassandra.kairos.RowSpec;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates KairosDB 1.3's keyspace and tables exactly as it does ({@code CREATE ... IF NOT EXISTS}, so a keyspace a
 * KairosDB created is used as it is) and settles the row geometry through the {@code spec} table with KairosDB's
 * rules: existing spec rows win; without them a keyspace that already holds metric names is LEGACY, any other gets
 * MILLISECONDS and 21-day rows; the decision is written back so a later KairosDB start reads the same.
 */
public final class KairosSchema {

  private static final Logger LOG = LoggerFactory.getLogger(KairosSchema.class);

  static final String COMPACT_STORAGE = " WITH COMPACT STORAGE";
  static final String SELECT_KEYSPACE = "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?";
  static final String CREATE_KEYSPACE = "CREATE KEYSPACE IF NOT EXISTS %s WITH REPLICATION = %s";

  /** KairosDB's DDL (ClusterConnection) with its default {@code table_create_with} suffixes. */
  static final List<String> CREATE_TABLES = List.of(
    "CREATE TABLE IF NOT EXISTS %s.data_points (key blob, column1 blob, value blob, PRIMARY KEY ((key), column1))"
      + KairosSchema.COMPACT_STORAGE,
    "CREATE TABLE IF NOT EXISTS %s.row_key_index (key blob, column1 blob, value blob, PRIMARY KEY ((key), column1))",
    "CREATE TABLE IF NOT EXISTS %s.row_key_time_index (metric text, table_name text, row_time timestamp, value text,"
      + " PRIMARY KEY ((metric), table_name, row_time))",
    "CREATE TABLE IF NOT EXISTS %s.row_keys (metric text, table_name text, row_time timestamp, data_type text,"
      + " tags frozen<map<text, text>>, mtime timeuuid static, value text,"
      + " PRIMARY KEY ((metric, table_name, row_time), data_type, tags))",
    "CREATE TABLE IF NOT EXISTS %s.tag_indexed_row_keys (metric text, table_name text, row_time timestamp,"
      + " single_tag_pair text, tag_collection_hash int, data_type text, tags frozen<map<text, text>>,"
      + " mtime timeuuid static, value text,"
      + " PRIMARY KEY ((metric, table_name, row_time, single_tag_pair), data_type, tag_collection_hash, tags))",
    "CREATE TABLE IF NOT EXISTS %s.string_index (key blob, column1 text, value blob, PRIMARY KEY ((key), column1))",
    "CREATE TABLE IF NOT EXISTS %s.service_index (service text, service_key text, key text, mtime timeuuid static,"
      + " value text, PRIMARY KEY ((service, service_key), key))",
    "CREATE TABLE IF NOT EXISTS %s.spec (spec_type text, name text, value text, PRIMARY KEY ((spec_type), name))");

  static final String SELECT_SPEC = "SELECT name, value FROM %s.spec WHERE spec_type = 'cluster_config'";
  static final String INSERT_SPEC = "INSERT INTO %s.spec (spec_type, name, value) VALUES ('cluster_config', ?, ?)";
  static final String ANY_METRIC_NAME = "SELECT column1 FROM %s.string_index WHERE key = 0x6d65747269635f6e616d6573"
    + " LIMIT 1";

  static final String ROW_TIME_UNIT = "row_time_unit";
  static final String ROW_WIDTH = "row_width";

  private final CassandraClient client;
  private final String keyspace;
  private final ConsistencyLevel writeConsistency;
  private final Duration ddlTimeout;

  /**
   * @param writeConsistency consistency of the spec row inserts; a replication the cluster cannot satisfy shows up
   *   here, at start, instead of at the first ingest
   */
  public KairosSchema(CassandraClient client, String keyspace, ConsistencyLevel writeConsistency, Duration ddlTimeout) {
    this.client = client;
    this.keyspace = keyspace;
    this.writeConsistency = writeConsistency;
    this.ddlTimeout = ddlTimeout;
  }

  /**
   * Creates what is missing and returns the keyspace's row geometry.
   *
   * @param replication replication for a new keyspace
   * @param verifyReplication true to fail when an existing keyspace has a different replication
   */
  public Future<RowSpec> setUp(Replication replication, boolean verifyReplication) {
    return keyspace(replication, verifyReplication)
      .compose(v -> createTables(0))
      .compose(v -> rowSpec());
  }

  private Future<Void> keyspace(Replication wanted, boolean verify) {
    return client.executeWithFullFetch(SimpleStatement.newInstance(SELECT_KEYSPACE, keyspace)).compose(rows -> {
      if (rows.isEmpty()) {
        LOG.info("Creating keyspace {} with replication {}", keyspace, wanted);
        return ddl(String.format(CREATE_KEYSPACE, keyspace, wanted.toCql()));
      }
      Replication existing = new Replication(rows.get(0).getMap("replication", String.class, String.class));
      if (verify && !existing.equals(wanted)) {
        return Future.failedFuture(new ConfigException("replication", "keyspace " + keyspace + " exists with "
          + existing + ", configured " + wanted + " (align the configuration, or ALTER KEYSPACE)"));
      }
      return Future.succeededFuture();
    });
  }

  private Future<Void> createTables(int i) {
    if (i == CREATE_TABLES.size()) {
      return Future.succeededFuture();
    }
    String cql = String.format(CREATE_TABLES.get(i), keyspace);
    return ddl(cql).recover(t -> {
      // A Cassandra that no longer accepts COMPACT STORAGE gets the same table without it: CQL sees no difference.
      if (cql.endsWith(COMPACT_STORAGE) && t instanceof InvalidQueryException) {
        LOG.warn("Cassandra refused {}; creating data_points without it: {}", COMPACT_STORAGE, t.getMessage());
        return ddl(cql.substring(0, cql.length() - COMPACT_STORAGE.length()));
      }
      return Future.failedFuture(t);
    }).compose(v -> createTables(i + 1));
  }

  private Future<Void> ddl(String cql) {
    return client.execute(SimpleStatement.newInstance(cql).setTimeout(ddlTimeout)).mapEmpty();
  }

  private Future<RowSpec> rowSpec() {
    return client.executeWithFullFetch(SimpleStatement.newInstance(String.format(SELECT_SPEC, keyspace)))
      .compose(rows -> {
        Map<String, String> spec = new HashMap<>();
        for (Row r : rows) {
          spec.put(r.getString("name"), r.getString("value"));
        }
        if (spec.containsKey(ROW_TIME_UNIT) && spec.containsKey(ROW_WIDTH)) {
          return Future.succeededFuture(parse(spec));
        }
        return client.executeWithFullFetch(SimpleStatement.newInstance(String.format(ANY_METRIC_NAME, keyspace)))
          .compose(names -> {
            RowSpec decided = names.isEmpty() ? RowSpec.DEFAULT
              : new RowSpec(RowSpec.Unit.LEGACY, RowSpec.DEFAULT_WIDTH);
            LOG.info("Keyspace {} has no row spec; recording {} (width {})", keyspace, decided.unit(),
              decided.width());
            return writeSpec(ROW_TIME_UNIT, spec.getOrDefault(ROW_TIME_UNIT, decided.unit().name()))
              .compose(v -> writeSpec(ROW_WIDTH, spec.getOrDefault(ROW_WIDTH, Long.toString(decided.width()))))
              .map(v -> decided);
          });
      });
  }

  private Future<Void> writeSpec(String name, String value) {
    return client.execute(SimpleStatement.newInstance(String.format(INSERT_SPEC, keyspace), name, value)
      .setConsistencyLevel(writeConsistency)).mapEmpty();
  }

  private RowSpec parse(Map<String, String> spec) {
    RowSpec.Unit unit = RowSpec.Unit.parse(spec.get(ROW_TIME_UNIT));
    if (unit == null) {
      throw new IllegalStateException("keyspace " + keyspace + ": unknown row_time_unit " + spec.get(ROW_TIME_UNIT));
    }
    try {
      return new RowSpec(unit, Long.parseLong(spec.get(ROW_WIDTH).trim()));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("keyspace " + keyspace + ": bad row_width " + spec.get(ROW_WIDTH), e);
    }
  }
}

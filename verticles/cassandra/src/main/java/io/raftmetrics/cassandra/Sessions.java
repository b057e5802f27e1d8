package io.raftmetrics.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.vertx.cassandra.CassandraClient;
import io.vertx.cassandra.CassandraClientOptions;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.List;

/** Builds the Vert.x Cassandra client (DataStax java-driver 4 underneath) from the connection settings. */
final class Sessions {

  /** Schema statements wait for agreement and can take seconds on a busy node; they get this timeout. */
  static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);

  private Sessions() {
  }

  static CassandraClient create(Vertx vertx, CassandraConfig.Connection c) {
    DriverConfigLoader loader = DriverConfigLoader.programmaticBuilder()
      .withString(DefaultDriverOption.LOAD_BALANCING_LOCAL_DATACENTER, c.localDc())
      .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofMillis(c.requestTimeoutMs()))
      .withString(DefaultDriverOption.REQUEST_CONSISTENCY, c.writeConsistency().name())
      .withString(DefaultDriverOption.TIMESTAMP_GENERATOR_CLASS, MillisecondTimestampGenerator.class.getName())
      // Our meters are Micrometer's; the driver's Dropwizard ones would need a metrics-core that clashes with Ratis'.
      .withString(DefaultDriverOption.METRICS_FACTORY_CLASS, "NoopMetricsFactory")
      .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, c.connectionsPerHost())
      // V4 by default, as KairosDB's driver negotiates against Cassandra 5; the driver alone would pick V5.
      .withString(DefaultDriverOption.PROTOCOL_VERSION, c.protocolVersion())
      .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
      // Come back within seconds after a Cassandra restart instead of the default's 60 s ceiling.
      .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(250))
      .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(4))
      // Only our keyspace's schema is needed (token-aware routing); refresh it promptly after our DDL.
      .withStringList(DefaultDriverOption.METADATA_SCHEMA_REFRESHED_KEYSPACES, List.of(c.keyspace()))
      .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(100))
      .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, DDL_TIMEOUT)
      .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
      .build();
    CqlSessionBuilder builder = CqlSession.builder()
      .withConfigLoader(loader)
      .withClassLoader(Sessions.class.getClassLoader())
      .addContactPoints(c.contactPoints());
    if (c.username() != null) {
      builder.withAuthCredentials(c.username(), c.password());
    }
    return CassandraClient.create(vertx, new CassandraClientOptions(builder));
  }
}

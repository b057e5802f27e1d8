package io.raftmetrics.query;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.Codecs;
import io.raftmetrics.api.node.NodeServices;
import io.raftmetrics.store.DuckReplica;
import io.raftmetrics.store.Replica;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A Vert.x with a real DuckDB replica of shard 0 published in NodeServices and the query verticle deployed. */
final class QueryHarness implements AutoCloseable {

  final Vertx vertx;
  final Replica replica;
  private long index;

  private QueryHarness(Vertx vertx, Replica replica) {
    this.vertx = vertx;
    this.replica = replica;
  }

  /** Opens the replica and publishes it; the verticle is not deployed yet. */
  static QueryHarness withReplica(Vertx vertx, Path dir) {
    Codecs.registerAll(vertx.eventBus());
    Replica replica = DuckReplica.open(0, dir.resolve("shard-0.duckdb"), null);
    NodeServices.of(vertx).put(NodeServices.replicaKey(0), replica);
    return new QueryHarness(vertx, replica);
  }

  static DeploymentOptions worker(JsonObject config, int instances) {
    return new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER).setWorkerPoolName("duckdb")
      .setWorkerPoolSize(2).setInstances(instances).setConfig(config);
  }

  QueryHarness deploy(JsonObject config) throws Exception {
    vertx.deployVerticle(QueryVerticle.class, worker(config, 2)).await(30, TimeUnit.SECONDS);
    return this;
  }

  QueryHarness apply(byte[] entry) {
    replica.apply(1, ++index, entry);
    return this;
  }

  @SuppressWarnings("unchecked")
  <T> T ask(Object request) throws Exception {
    return (T) vertx.eventBus().request(Addresses.queryShard(0), request).await(30, TimeUnit.SECONDS).body();
  }

  /** Sends a request that must fail, and returns the failure. */
  ReplyException failure(Object request) {
    ReplyException e = catchThrowableOfType(ReplyException.class, () -> ask(request));
    assertThat(e).as("failure of " + request).isNotNull();
    return e;
  }

  /** Undeploys everything (the Vert.x instance itself belongs to the test) and closes the replica. */
  @Override
  public void close() throws Exception {
    for (String id : vertx.deploymentIDs()) {
      vertx.undeploy(id).await(30, TimeUnit.SECONDS);
    }
    replica.close();
  }
}

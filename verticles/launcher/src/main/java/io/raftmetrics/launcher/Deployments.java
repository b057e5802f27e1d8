package io.raftmetrics.launcher;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.TimeUnit;

/** How each role is deployed: threading model, instances and pools. */
final class Deployments {

  /** Worker pool of the query role: DuckDB JDBC calls block, so they never run on an event loop. */
  static final String DUCKDB_POOL = "duckdb";

  private Deployments() {
  }

  static DeploymentOptions options(Role role, JsonObject section) {
    DeploymentOptions options = new DeploymentOptions().setConfig(section);
    switch (role) {
      case QUERY: {
        int instances = Math.max(1, section.getInteger("instances", 2));
        return options.setThreadingModel(ThreadingModel.WORKER)
          .setWorkerPoolName(DUCKDB_POOL)
          .setWorkerPoolSize(instances)
          .setInstances(instances)
          // Analytical queries may legitimately run for seconds; their own limit is enforced by the query role.
          .setMaxWorkerExecuteTime(5)
          .setMaxWorkerExecuteTimeUnit(TimeUnit.MINUTES);
      }
      case GATEWAY:
        return options.setInstances(Math.max(1, section.getInteger("instances", 2)));
      default:
        return options;
    }
  }
}

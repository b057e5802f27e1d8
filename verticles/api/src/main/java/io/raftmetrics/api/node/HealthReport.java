package io.raftmetrics.api.node;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the node's {@code /health} answer (the RaftMetrics contract) from the health procedures every role
 * registered in {@link NodeServices#health()}: 200 {@code {"status":"healthy",...}} when every procedure is up,
 * otherwise 503 {@code {"status":"unhealthy",...}} naming the failing components. The gateway and the management
 * server answer with the same report.
 */
public final class HealthReport {

  /**
   * @param status HTTP status, 200 or 503
   * @param body the JSON body
   */
  public record Result(int status, JsonObject body) {
  }

  private HealthReport() {
  }

  public static Future<Result> build(Vertx vertx) {
    NodeServices services = NodeServices.of(vertx);
    NodeInfo info = services.get(NodeInfo.KEY, NodeInfo.class)
      .orElse(new NodeInfo("unknown", List.of(), System.currentTimeMillis()));
    return services.health().checkStatus().map(result -> render(info, result));
  }

  static Result render(NodeInfo info, CheckResult result) {
    JsonObject checks = new JsonObject();
    List<String> failing = new ArrayList<>();
    JsonObject raftStatus = null;
    if (result.getChecks() != null) {
      for (CheckResult c : result.getChecks()) {
        boolean up = Boolean.TRUE.equals(c.getUp());
        JsonObject entry = new JsonObject().put("status", up ? "UP" : "DOWN");
        if (c.getData() != null && !c.getData().isEmpty()) {
          entry.put("data", c.getData());
        }
        if (c.getFailure() != null) {
          entry.put("error", String.valueOf(c.getFailure().getMessage()));
        }
        checks.put(c.getId(), entry);
        if (!up) {
          failing.add(c.getId());
        }
        if ("raft".equals(c.getId()) && c.getData() != null) {
          raftStatus = c.getData();
        }
      }
    }
    String roles = info.roles().isEmpty() ? "unknown" : String.join("+", info.roles());
    boolean healthy = failing.isEmpty();
    JsonObject body = new JsonObject()
      .put("status", healthy ? "healthy" : "unhealthy")
      .put("message", healthy ? roles + " node is operational" : String.join(", ", failing) + " down")
      .put("node_id", info.nodeId())
      .put("roles", new JsonArray(info.roles()))
      .put("uptime_seconds", Math.max(0, (System.currentTimeMillis() - info.startedAtMs()) / 1000));
    if (!healthy) {
      body.put("failing", new JsonArray(failing));
    }
    if (raftStatus != null) {
      body.put("raft_status", raftStatus);
    }
    body.put("checks", checks);
    return new Result(healthy ? 200 : 503, body);
  }
}

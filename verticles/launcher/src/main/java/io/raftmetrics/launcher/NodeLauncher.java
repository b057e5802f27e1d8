package io.raftmetrics.launcher;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.raftmetrics.api.Codecs;
import io.raftmetrics.api.node.NodeInfo;
import io.raftmetrics.api.node.NodeServices;
import io.raftmetrics.launcher.config.NodeConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Starts one node: builds Vert.x, registers every event-bus codec before anything deploys, publishes the node's
 * identity, starts the management endpoint, then deploys the configured roles one after the other (raft before query
 * before cassandra before gateway). If a role fails to start, what was deployed is undeployed and the failure names
 * the role. {@link #stop()} undeploys in reverse order.
 */
public final class NodeLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(NodeLauncher.class);

  private final NodeConfig conf;
  private final Vertx vertx;
  private final Deque<String> deployments = new ArrayDeque<>();
  private ManagementVerticle management;
  private volatile boolean started;

  private static final String STARTUP_CHECK = "startup";

  private NodeLauncher(NodeConfig conf, Vertx vertx) {
    this.conf = conf;
    this.vertx = vertx;
  }

  /** Starts a node; the future fails with a message naming the role or key at fault. */
  public static Future<NodeLauncher> start(NodeConfig conf) {
    PrometheusMeterRegistry registry = VertxFactory.registry();
    return VertxFactory.create(conf, registry).compose(vertx -> {
      NodeLauncher node = new NodeLauncher(conf, vertx);
      // On failure the node is torn down in the background: a listener on Vert.x's close future would run on an
      // event loop that the close itself shuts down, and never fire.
      return node.deployAll(registry)
        .map(node)
        .recover(err -> {
          node.stop();
          return Future.failedFuture(err);
        });
    });
  }

  private Future<Void> deployAll(PrometheusMeterRegistry registry) {
    Codecs.registerAll(vertx.eventBus());
    NodeServices services = NodeServices.of(vertx);
    services.put(NodeInfo.KEY, new NodeInfo(conf.nodeId(),
      conf.roles().stream().map(Role::key).toList(), System.currentTimeMillis()));
    // Not ready until every role is deployed: the management endpoint answers probes before that.
    services.registerHealth(STARTUP_CHECK, p -> p.complete(started
      ? Status.OK() : Status.KO(new JsonObject().put("message", "roles are being deployed"))));
    Future<Void> chain = Future.succeededFuture();
    JsonObject mgmt = conf.management();
    if (mgmt.getInteger("port", 0) > 0) {
      management = new ManagementVerticle(registry);
      chain = vertx.deployVerticle(management, new DeploymentOptions().setConfig(mgmt))
        .recover(err -> Future.failedFuture("management: " + err.getMessage()))
        .map(id -> {
          deployments.push(id);
          return null;
        });
    }
    for (Role role : conf.roles()) {
      chain = chain.compose(v -> deploy(role));
    }
    return chain.onSuccess(v -> started = true);
  }

  private Future<Void> deploy(Role role) {
    JsonObject section = conf.section(role);
    return vertx.deployVerticle(role.verticle(), Deployments.options(role, section))
      .recover(err -> Future.failedFuture(prefix(role, err)))
      .map(id -> {
        deployments.push(id);
        LOG.info("role {} deployed ({})", role.key(), id);
        return null;
      });
  }

  /** Messages from the roles usually name their key already ({@code raft.peers: missing}). */
  private static String prefix(Role role, Throwable err) {
    String msg = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
    return msg.startsWith(role.key() + ".") || msg.startsWith(role.key() + ":") ? msg : role.key() + ": " + msg;
  }

  /** Undeploys the roles in reverse order, then closes Vert.x (leaving the cluster if clustered). */
  public Future<Void> stop() {
    started = false;
    Future<Void> chain = Future.succeededFuture();
    while (!deployments.isEmpty()) {
      String id = deployments.pop();
      chain = chain.compose(v -> vertx.undeploy(id).recover(err -> {
        LOG.warn("undeploy {} failed: {}", id, err.toString());
        return Future.succeededFuture();
      }));
    }
    return chain.compose(v -> vertx.close());
  }

  public Vertx vertx() {
    return vertx;
  }

  public NodeConfig config() {
    return conf;
  }

  /** @return the port of the management endpoint, or -1 when it is off */
  public int managementPort() {
    return management == null ? -1 : management.actualPort();
  }

  List<String> deploymentIds() {
    return List.copyOf(deployments);
  }
}

package io.raftmetrics.launcher;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.raftmetrics.launcher.config.ConfigException;
import io.raftmetrics.launcher.config.NodeConfig;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The clustered event bus: Hazelcast as the Vert.x cluster manager, with either a static member list (TCP-IP, used on
 * loopback by the tests and the local cluster script) or Kubernetes discovery through a headless service's DNS name.
 *
 * <pre>
 * cluster:
 *   enabled: true
 *   name: raftmetrics            # Hazelcast cluster name; nodes with another name never join
 *   host: 127.0.0.2              # event-bus bind host (default 0.0.0.0)
 *   public_host: 127.0.0.2       # address advertised to other nodes, for the event bus and Hazelcast (default: host,
 *                                # or this machine's address when host is the wildcard); Hazelcast binds to it only
 *   port: 0                      # event-bus port (0 = any free port)
 *   hazelcast_port: 5701
 *   members: [127.0.0.1:5701, 127.0.0.2:5701]     # TCP-IP discovery, or:
 *   kubernetes_service_dns: raftmetrics-cluster.metrics.svc.cluster.local
 * </pre>
 */
final class Clustering {

  private Clustering() {
  }

  /** Vert.x options with the event-bus endpoint of this node. */
  static VertxOptions options(NodeConfig conf) {
    JsonObject c = conf.cluster();
    VertxOptions options = new VertxOptions();
    EventBusOptions eb = options.getEventBusOptions();
    eb.setHost(c.getString("host", "0.0.0.0")).setPort(c.getInteger("port", 0));
    eb.setClusterPublicHost(publicHost(c));
    return options;
  }

  static VertxBuilder configure(VertxBuilder builder, NodeConfig conf) {
    JsonObject c = conf.cluster();
    return builder.withClusterManager(new HazelcastClusterManager(hazelcast(c, publicHost(c))));
  }

  /**
   * The address other nodes reach this one at: {@code public_host}, else {@code host} unless it is the wildcard, else
   * this machine's address — never the wildcard, which other nodes could not connect to.
   */
  static String publicHost(JsonObject c) {
    String host = c.getString("host", "0.0.0.0");
    String explicit = c.getString("public_host");
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    if (!"0.0.0.0".equals(host)) {
      return host;
    }
    try {
      return InetAddress.getLocalHost().getHostAddress();
    } catch (UnknownHostException e) {
      throw new ConfigException("cluster.public_host", "missing, and this host's address cannot be resolved");
    }
  }

  static Config hazelcast(JsonObject c, String publicHost) {
    Config hz = new Config();
    hz.setClusterName(c.getString("name", "raftmetrics"));
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    // A crashed member is noticed in seconds, not Hazelcast's default minute, so event-bus routes heal quickly.
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
    NetworkConfig net = hz.getNetworkConfig();
    net.setPort(c.getInteger("hazelcast_port", 5701)).setPortAutoIncrement(false);
    if (publicHost != null) {
      // Bind Hazelcast to this node's address only and advertise it. Unlike an interface filter this needs no
      // interface to carry the address by name, so any address of 127.0.0.0/8 works on loopback, as a pod IP does.
      hz.setProperty("hazelcast.local.localAddress", publicHost);
      hz.setProperty("hazelcast.socket.bind.any", "false");
      net.setPublicAddress(publicHost + ":" + net.getPort());
    }
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    String dns = c.getString("kubernetes_service_dns");
    JsonArray members = c.getJsonArray("members");
    if (dns != null && !dns.isBlank()) {
      join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", dns);
    } else if (members != null && !members.isEmpty()) {
      join.getTcpIpConfig().setEnabled(true);
      members.forEach(m -> join.getTcpIpConfig().addMember(String.valueOf(m)));
    } else {
      throw new ConfigException("cluster.members", "missing (or set cluster.kubernetes_service_dns)");
    }
    return hz;
  }
}

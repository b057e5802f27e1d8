package io.raftmetrics.deploy;

import io.raftmetrics.cassandra.CassandraConfig;
import io.raftmetrics.gateway.GatewayConfig;
import io.raftmetrics.launcher.Role;
import io.raftmetrics.launcher.config.ConfigLoader;
import io.raftmetrics.launcher.config.NodeConfig;
import io.raftmetrics.raft.RaftConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A deployment's configuration as the product reads it: the launcher's own loader (defaults, the file, then the
 * environment the container gets), then each deployed role's own validation of its section, as the verticle does
 * when it starts.
 */
final class ProductConfigs {

  private ProductConfigs() {
  }

  static NodeConfig load(Path file, Map<String, String> env) {
    NodeConfig conf = ConfigLoader.load(List.of(file), env, new Properties());
    for (Role role : conf.roles()) {
      switch (role) {
        case RAFT -> RaftConfig.from(conf.section(role));
        case CASSANDRA -> CassandraConfig.from(conf.section(role));
        case GATEWAY -> GatewayConfig.from(conf.section(role));
        // QueryConfig is internal to its module; the query role is started for real by the process tests.
        case QUERY -> { }
        default -> throw new IllegalStateException("unexpected role " + role);
      }
    }
    return conf;
  }

  static NodeConfig load(String yaml, Map<String, String> env, Path dir) {
    try {
      Files.createDirectories(dir);
      Path file = Files.createTempFile(dir, "config", ".yaml");
      Files.writeString(file, yaml);
      return load(file, env);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keys of the effective configuration that the product neither defines nor documents. */
  static List<String> unknownKeys(NodeConfig conf, KnownKeys known) {
    return KnownKeys.leafPaths(conf.conf()).stream().filter(p -> !known.knows(p)).toList();
  }
}

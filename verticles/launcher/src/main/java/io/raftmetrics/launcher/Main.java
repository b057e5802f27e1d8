package io.raftmetrics.launcher;

import io.raftmetrics.launcher.config.ConfigException;
import io.raftmetrics.launcher.config.ConfigLoader;
import io.raftmetrics.launcher.config.NodeConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar raftmetrics.jar [-c conf/dev.yaml]...}: loads the configuration (files in order, then environment
 * and system properties), starts the node and stops it gracefully on SIGTERM. A configuration or start-up failure
 * prints one line naming the key or role and exits with status 2 (configuration) or 1 (start-up).
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    System.setProperty("hazelcast.logging.type", "slf4j");
    NodeConfig conf;
    try {
      conf = ConfigLoader.load(files(args));
    } catch (ConfigException e) {
      System.err.println("raftmetrics: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    NodeLauncher node;
    try {
      node = NodeLauncher.start(conf).await(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      System.err.println("raftmetrics: start-up failed: " + msg.replace('\n', ' '));
      System.exit(1);
      return;
    }
    System.out.println("raftmetrics: node " + conf.nodeId() + " started with roles "
      + conf.roles().stream().map(Role::key).toList());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.stop().await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("raftmetrics: stop: " + e);
      }
    }, "raftmetrics-shutdown"));
  }

  static List<Path> files(String[] args) {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if ("-c".equals(a) || "--conf".equals(a)) {
        if (i + 1 >= args.length) {
          throw new ConfigException(a, "needs a file");
        }
        files.add(Paths.get(args[++i]));
      } else if (a.startsWith("--conf=")) {
        files.add(Paths.get(a.substring("--conf=".length())));
      } else {
        throw new ConfigException(a, "unknown argument (usage: raftmetrics [-c file.yaml]...)");
      }
    }
    if (files.isEmpty() && Files.exists(Paths.get("conf", "dev.yaml"))) {
      files.add(Paths.get("conf", "dev.yaml"));
    }
    return files;
  }
}

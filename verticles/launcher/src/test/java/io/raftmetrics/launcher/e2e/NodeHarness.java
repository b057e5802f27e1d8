package io.raftmetrics.launcher.e2e;

import io.raftmetrics.launcher.NodeLauncher;
import io.raftmetrics.launcher.Role;
import io.raftmetrics.launcher.config.ConfigLoader;
import io.raftmetrics.launcher.config.NodeConfig;
import io.raftmetrics.testkit.Ports;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A whole single-JVM node (gateway, raft, query) started by the real launcher in this JVM, on loopback ports and a
 * data directory of the test's own, with a real HTTP client.
 */
final class NodeHarness implements AutoCloseable {

  static final String TOKEN = "e2e-token";

  final NodeLauncher node;
  final WebClient client;
  final int httpPort;
  final int managementPort;
  final Path config;

  private NodeHarness(NodeLauncher node, int httpPort, int managementPort, Path config) {
    this.node = node;
    this.httpPort = httpPort;
    this.managementPort = managementPort;
    this.config = config;
    this.client = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(httpPort), new PoolOptions().setHttp1MaxSize(16));
  }

  /** Writes a configuration for a one-node cluster under {@code dir}, with fresh ports. */
  static Path writeConfig(Path dir) {
    int http = Ports.free();
    int raft = Ports.free();
    int mgmt = Ports.free();
    String yaml = "node:\n  id: n1\n  roles: [gateway, raft, query]\n  data_dir: " + dir.resolve("data") + "\n"
      + "gateway:\n  host: 127.0.0.1\n  port: " + http + "\n  auth:\n    tokens:\n"
      + "      - {name: e2e, token: " + TOKEN + ", scopes: [read, write, delete, admin]}\n"
      + "raft:\n  address: 127.0.0.1:" + raft + "\n  peers: [{id: n1, address: 127.0.0.1:" + raft + "}]\n"
      + "management:\n  host: 127.0.0.1\n  port: " + mgmt + "\n";
    try {
      Path f = dir.resolve("node.yaml");
      Files.writeString(f, yaml);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A second file merged over the first, as {@code -c base.yaml -c override.yaml} does. */
  static Path writeOverride(Path dir, String yaml) {
    try {
      Path f = dir.resolve("override.yaml");
      Files.writeString(f, yaml);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static NodeHarness start(Path... configs) throws Exception {
    NodeConfig conf = ConfigLoader.load(List.of(configs), Map.of(), new Properties());
    NodeLauncher node = NodeLauncher.start(conf).await(60, TimeUnit.SECONDS);
    return new NodeHarness(node, conf.section(Role.GATEWAY).getInteger("port"),
      conf.management().getInteger("port"), configs[0]);
  }

  static NodeHarness start(Path dir, String overrideYaml) throws Exception {
    Path base = writeConfig(dir);
    return overrideYaml.isEmpty() ? start(base) : start(base, writeOverride(dir, overrideYaml));
  }

  HttpRequest<Buffer> get(String path) {
    return client.get(path).putHeader("Authorization", "Bearer " + TOKEN);
  }

  HttpRequest<Buffer> post(String path) {
    return client.post(path).putHeader("Authorization", "Bearer " + TOKEN);
  }

  HttpResponse<Buffer> send(HttpRequest<Buffer> req) throws Exception {
    return req.send().await(30, TimeUnit.SECONDS);
  }

  HttpResponse<Buffer> send(HttpRequest<Buffer> req, String body) throws Exception {
    return req.sendBuffer(Buffer.buffer(body)).await(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    client.close();
    node.stop().await(60, TimeUnit.SECONDS);
  }
}

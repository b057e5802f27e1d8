package io.raftmetrics.launcher.cluster;

import io.raftmetrics.testkit.ProductProcess;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A cluster of product JVMs on loopback, configured the way the pods are: one shared YAML file, and each node says
 * who it is through the pods' environment variables ({@code NODE_ID}, {@code NODE_ROLE}, {@code WORKER_HOSTS},
 * {@code RAFTMETRICS_*}). Workers {@code w1..} run raft, query and a gateway on {@code 127.0.0.(base+i)} (the
 * gateway lets a test read each replica: reads prefer the replica of the gateway's own JVM); {@code g1} is a
 * gateway-only JVM on {@code 127.0.0.(base+9)}. Every node uses the same port numbers, as pods do, except for the
 * management endpoint, which listens on 127.0.0.1 (where the test kit polls readiness) on a port of its own.
 */
final class ClusterFixture implements AutoCloseable {

  static final String TOKEN = "cluster-test-token";
  static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  /** One JVM of the cluster. */
  final class Node {
    final String id;
    final String ip;
    final Map<String, String> env;
    final Path dataDir;
    final int mgmtPort;
    ProductProcess process;

    Node(String id, String ip, Map<String, String> env, Path dataDir, int mgmtPort) {
      this.id = id;
      this.ip = ip;
      this.env = env;
      this.dataDir = dataDir;
      this.mgmtPort = mgmtPort;
    }

    String http() {
      return "http://" + ip + ":" + httpPort;
    }

    String management() {
      return "http://127.0.0.1:" + mgmtPort;
    }

    ProductProcess start() {
      process = ProductProcess.start(config, env, mgmtPort, dir.resolve(id + ".log"), START_TIMEOUT);
      return process;
    }

    void kill9() {
      process.kill9();
    }

    void stop() {
      process.stop();
    }

    boolean alive() {
      return process != null && process.isAlive();
    }

    Node withEnv(String key, String value) {
      env.put(key, value);
      return this;
    }
  }

  final Path dir;
  final int shards;
  final int httpPort;
  final int raftPort;
  final int hzPort;
  final List<Node> workers = new ArrayList<>();
  final Node gateway;
  private final List<Node> created = new ArrayList<>();
  private final Path config;
  private final int base;
  private final String workerHosts;

  /**
   * @param base the loopback addresses used are {@code 127.0.0.(base+1)..(base+9)}
   * @param raftOverrides extra keys of the {@code raft} section, as YAML lines
   */
  ClusterFixture(Path dir, int base, int workerCount, int shards, String raftOverrides) throws IOException {
    this.dir = dir;
    this.base = base;
    this.shards = shards;
    List<String> ips = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      ips.add(ip(i));
    }
    this.httpPort = freeOnAll(ips);
    this.raftPort = freeOnAll(ips);
    this.hzPort = freeOnAll(ips);
    StringBuilder hosts = new StringBuilder();
    StringBuilder members = new StringBuilder();
    for (int i = 1; i <= workerCount; i++) {
      hosts.append(i == 1 ? "" : ",").append("w").append(i).append('@').append(ip(i)).append(':').append(raftPort);
      members.append(i == 1 ? "" : ", ").append(ip(i)).append(':').append(hzPort);
    }
    members.append(", ").append(ip(9)).append(':').append(hzPort);
    this.workerHosts = hosts.toString();
    this.config = dir.resolve("cluster.yaml");
    Files.writeString(config, "# shared by every node, as a ConfigMap\n"
      + "shards: " + shards + "\n"
      + "cluster:\n  enabled: true\n  name: rm-test-" + UUID.randomUUID() + "\n  hazelcast_port: " + hzPort + "\n"
      + "  members: [" + members + ", " + ip(8) + ":" + hzPort + "]\n"
      + "gateway:\n  port: " + httpPort + "\n  instances: 1\n  auth:\n    tokens:\n"
      + "      - {name: test, token: " + TOKEN + ", scopes: [read, write, delete, admin]}\n"
      + "query:\n  instances: 1\n"
      + "raft:\n  status_interval_ms: 500\n" + raftOverrides);
    for (int i = 1; i <= workerCount; i++) {
      workers.add(node("w" + i, ip(i), "raft,query,gateway", workerHosts));
    }
    this.gateway = node("g1", ip(9), "control", null);
  }

  /** A worker that is not in the initial peer list and joins through the admin API: {@code w4} on base+8. */
  Node joiner(String id) {
    return node(id, ip(8), "raft,query,gateway", workerHosts + "," + id + "@" + ip(8) + ":" + raftPort)
      .withEnv("RAFTMETRICS_RAFT__JOIN", "true");
  }

  private Node node(String id, String ip, String roles, String peers) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("NODE_ID", id);
    env.put("NODE_ROLE", roles);
    if (peers != null) {
      env.put("WORKER_HOSTS", peers);
      env.put("RAFTMETRICS_RAFT__ADDRESS", ip + ":" + raftPort);
    }
    env.put("RAFTMETRICS_NODE__DATA_DIR", dir.resolve(id).resolve("data").toString());
    env.put("RAFTMETRICS_CLUSTER__HOST", ip);
    // the management endpoint is where the test kit waits for readiness: 127.0.0.1, a port per node
    int mgmt = io.raftmetrics.testkit.Ports.free();
    env.put("RAFTMETRICS_MANAGEMENT__HOST", "127.0.0.1");
    env.put("RAFTMETRICS_MANAGEMENT__PORT", String.valueOf(mgmt));
    env.put("RAFTMETRICS_GATEWAY__HOST", ip);
    Node node = new Node(id, ip, env, dir.resolve(id).resolve("data"), mgmt);
    created.add(node);
    return node;
  }

  /**
   * Copies the project's own classpath entries (its modules' jars and class directories) into this fixture's
   * directory and makes the node JVMs use the copies. The test kit starts a node with this JVM's classpath; on a
   * machine where other builds reinstall the project's modules meanwhile, a long-lived node would otherwise load
   * half of its classes from one build and the rest, lazily, from another (or find them gone).
   *
   * @return the classpath in force before, to restore
   */
  String pinClasspath() throws IOException {
    String original = System.getProperty("java.class.path");
    String full = System.getProperty("surefire.test.class.path", original);
    Path copies = Files.createDirectories(dir.resolve("classpath"));
    List<String> pinned = new ArrayList<>();
    int n = 0;
    for (String entry : full.split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      boolean ours = Files.isDirectory(p) || p.toString().contains("/io/raftmetrics/");
      if (!ours || !Files.exists(p)) {
        pinned.add(entry);
        continue;
      }
      Path copy = copies.resolve((n++) + "-" + p.getFileName());
      copyTree(p, copy);
      pinned.add(copy.toString());
    }
    System.setProperty("java.class.path", String.join(java.io.File.pathSeparator, pinned));
    return original;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(f, target);
        }
      }
    }
  }

  /** Starts every node, workers and gateway at once, and waits until each is ready. */
  void startAll() {
    List<Node> all = new ArrayList<>(workers);
    all.add(gateway);
    CompletableFuture.allOf(all.stream().map(n -> CompletableFuture.runAsync(n::start))
      .toArray(CompletableFuture[]::new)).join();
  }

  Node worker(String id) {
    return workers.stream().filter(w -> w.id.equals(id)).findFirst().orElseThrow();
  }

  /** Deletes a stopped node's data directory: a lost disk. */
  static void wipe(Node node) throws IOException {
    if (!Files.exists(node.dataDir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(node.dataDir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private String ip(int i) {
    return "127.0.0." + (base + i);
  }

  /** A port that is free on every given address, so that all nodes can use the same number. */
  private static int freeOnAll(List<String> ips) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = io.raftmetrics.testkit.Ports.free(ips.get(0));
      if (ips.stream().allMatch(ip -> bindable(ip, port))) {
        return port;
      }
    }
    throw new IllegalStateException("no port free on all of " + ips);
  }

  private static boolean bindable(String ip, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Kills every node still running and deletes their data; the logs stay in {@link #dir}. */
  @Override
  public void close() {
    for (Node n : created) {
      if (n.process != null) {
        n.process.close();
      }
    }
    for (Node n : created) {
      try {
        wipe(n);
      } catch (IOException e) {
        // best effort: a temporary directory
      }
    }
  }
}

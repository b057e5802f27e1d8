package io.raftmetrics.testkit.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Apache Cassandra node running as a child JVM ({@code CassandraDaemon} on the jars of
 * {@code tools/cassandra-runtime}), never inside the calling JVM. Start, stop and kill block the caller: use them from
 * tests, benchmarks and command-line tools, never from an event loop.
 *
 * <p>The node's files live under {@link CassandraOptions#dir()}: {@code cassandra.yaml}, {@code data/},
 * {@code commitlog/}, {@code logs/stdout.log}. Restarting a stopped or killed node reuses them. A JVM shutdown hook
 * kills a node its creator forgot to stop.
 */
public final class CassandraProcess implements AutoCloseable {

  /** The log line Cassandra prints once the native protocol listener is bound. */
  static final String READY_LINE = "Starting listening for CQL clients";

  private final CassandraRuntime runtime;
  private final CassandraOptions options;
  private final Thread shutdownHook;
  private volatile Process process;

  private CassandraProcess(CassandraRuntime runtime, CassandraOptions options) {
    this.runtime = runtime;
    this.options = options;
    this.shutdownHook = new Thread(this::kill, "cassandra-process-reaper");
  }

  /**
   * Starts a node and waits until it accepts CQL connections.
   *
   * @throws IllegalStateException if the port is taken, the JVM exits or readiness takes longer than
   *   {@link CassandraOptions#startTimeout()}; the message carries the end of the node's log
   */
  public static CassandraProcess start(CassandraRuntime runtime, CassandraOptions options) {
    CassandraProcess node = new CassandraProcess(runtime, options);
    node.restart();
    return node;
  }

  public CassandraOptions options() {
    return options;
  }

  /** @return the CQL contact point */
  public InetSocketAddress nativeAddress() {
    return new InetSocketAddress(options.address(), options.nativePort());
  }

  /** @return the process id while running, else -1 */
  public long pid() {
    Process p = process;
    return p != null && p.isAlive() ? p.pid() : -1;
  }

  public boolean isRunning() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** @return the file the node's console output goes to */
  public Path logFile() {
    return options.dir().resolve("logs").resolve("stdout.log");
  }

  /** Starts the node again on the same files and ports (after {@link #stop()} or {@link #kill()}). */
  public synchronized void restart() {
    if (isRunning()) {
      throw new IllegalStateException("already running: pid " + process.pid());
    }
    if (portOpen()) {
      throw new IllegalStateException("port " + options.nativePort() + " on " + options.address()
        + " is already in use: another Cassandra is running there");
    }
    try {
      Path yaml = writeConfig();
      Files.createDirectories(logFile().getParent());
      long offset = Files.exists(logFile()) ? Files.size(logFile()) : 0;
      ProcessBuilder pb = new ProcessBuilder(command(yaml)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
      process = pb.start();
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      awaitReady(offset);
    } catch (IOException e) {
      kill();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      kill();
      throw e;
    }
  }

  /** SIGTERM, then SIGKILL if the node has not exited after 30 s. */
  public synchronized void stop() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    released();
  }

  /** SIGKILL at once, as a crash would (the commit log replays on the next start). */
  public synchronized void kill() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroyForcibly();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    released();
  }

  /**
   * Leaves the node running after this JVM exits (for the dev script): forgets the process and drops the shutdown
   * hook.
   *
   * @return the node's process id
   */
  public synchronized long detach() {
    long pid = pid();
    released();
    return pid;
  }

  @Override
  public void close() {
    stop();
  }

  private void released() {
    process = null;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // The JVM is already shutting down (the hook itself is running) or the hook was never added.
    }
  }

  private List<String> command(Path yaml) {
    List<String> cmd = new ArrayList<>();
    cmd.add(runtime.javaExecutable().toString());
    cmd.addAll(runtime.jvmFlags());
    cmd.add("-Xms" + options.heapMb() + "m");
    cmd.add("-Xmx" + options.heapMb() + "m");
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-Dcassandra-foreground=yes");
    cmd.add("-Dcassandra.config=" + yaml.toUri());
    cmd.add("-Dcassandra.storagedir=" + options.dir());
    cmd.add("-Dcassandra.logdir=" + options.dir().resolve("logs"));
    cmd.add("-Dlogback.configurationFile=" + runtime.confDir().resolve("logback.xml"));
    // No gossip settling and no ring delay: a single node has nobody to wait for. Not unsafesystem: it keeps the
    // schema out of the commit log, and a killed node would come back without its keyspaces.
    cmd.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    cmd.add("-Dcassandra.ring_delay_ms=0");
    cmd.add("-cp");
    cmd.add(runtime.libDir().resolve("*").toString());
    cmd.add("org.apache.cassandra.service.CassandraDaemon");
    return cmd;
  }

  private Path writeConfig() throws IOException {
    Path dir = options.dir();
    Files.createDirectories(dir);
    String template = Files.readString(runtime.confDir().resolve("cassandra.yaml"), StandardCharsets.UTF_8);
    Map<String, String> values = Map.of(
      "cluster_name", options.clusterName(),
      "seeds", options.seeds(),
      "address", options.address(),
      "storage_port", Integer.toString(options.storagePort()),
      "native_port", Integer.toString(options.nativePort()),
      "dir", dir.toString(),
      "memtable_mib", Integer.toString(options.memtableMb()));
    for (Map.Entry<String, String> e : values.entrySet()) {
      template = template.replace("${" + e.getKey() + "}", e.getValue());
    }
    Path yaml = dir.resolve("cassandra.yaml");
    Files.writeString(yaml, template, StandardCharsets.UTF_8);
    return yaml;
  }

  private void awaitReady(long logOffset) throws IOException {
    long deadline = System.nanoTime() + options.startTimeout().toNanos();
    boolean logged = false;
    Process p = process;
    while (System.nanoTime() < deadline) {
      logged = logged || logContains(logOffset);
      if (logged && portOpen()) {
        return;
      }
      if (exitedWithin(p, 200)) {
        throw new IllegalStateException("Cassandra exited during start (exit code " + p.exitValue() + ")\n"
          + logTail());
      }
    }
    throw new IllegalStateException("Cassandra not ready after " + options.startTimeout() + "\n" + logTail());
  }

  private boolean logContains(long offset) throws IOException {
    byte[] all = Files.readAllBytes(logFile());
    int from = (int) Math.min(offset, all.length);
    return new String(all, from, all.length - from, StandardCharsets.UTF_8).contains(READY_LINE);
  }

  private boolean portOpen() {
    try (Socket s = new Socket()) {
      s.connect(nativeAddress(), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** @return the last lines of the node's log, for failure messages */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static boolean exitedWithin(Process p, long millis) {
    try {
      return p.waitFor(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Cassandra", e);
    }
  }
}

package io.raftmetrics.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A node of the product in its own JVM, started with the test's classpath and {@code io.raftmetrics.launcher.Main},
 * as a pod would run it. It can be stopped gracefully (SIGTERM) or killed (SIGKILL, the {@code kill -9} of the
 * durability tests). Output goes to a log file next to its configuration.
 */
public final class ProductProcess implements AutoCloseable {

  private static final String MAIN = "io.raftmetrics.launcher.Main";

  private final Process process;
  private final Path log;
  private final int managementPort;

  private ProductProcess(Process process, Path log, int managementPort) {
    this.process = process;
    this.log = log;
    this.managementPort = managementPort;
  }

  /**
   * Starts a node and waits until its management endpoint answers {@code /health/ready} with 200.
   *
   * @param config YAML configuration file
   * @param env extra environment variables
   * @param managementPort the node's management port (must match the configuration)
   * @param log where stdout and stderr go
   */
  public static ProductProcess start(Path config, Map<String, String> env, int managementPort, Path log,
                                     Duration timeout) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-XX:+UseG1GC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(MAIN);
    cmd.add("-c");
    cmd.add(config.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
      .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProductProcess node = new ProductProcess(p, log, managementPort);
    node.awaitReady(timeout);
    return node;
  }

  /** Polls {@code /health/ready} until 200, failing early if the process exits. */
  public void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node exited with " + process.exitValue() + "; log " + log + ":\n" + tail());
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + managementPort + "/health/ready")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(200);
    }
    throw new IllegalStateException("node not ready after " + timeout + "; log " + log + ":\n" + tail());
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed that was not already. */
  public void kill9() {
    process.destroyForcibly();
    waitFor();
  }

  /** SIGTERM, then wait for the graceful stop. */
  public void stop() {
    process.destroy();
    waitFor();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      waitFor();
    }
  }

  private void waitFor() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines of the node's log, for failure messages. */
  public String tail() {
    try {
      List<String> lines = java.nio.file.Files.readAllLines(log);
      return String.join("\n",
        lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.raftmetrics.launcher.bench;

import io.raftmetrics.launcher.NodeLauncher;
import io.raftmetrics.launcher.config.ConfigLoader;
import io.raftmetrics.testkit.Ports;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Manual benchmark (a {@code main}, not a test): {@code putm} lines over real sockets into the telnet port of a
 * whole single-JVM node (gateway, raft, query with its DuckDB replica), measured until the Raft log acknowledged
 * every point ({@code raftmetrics_points_committed_total} on the management endpoint), then checked point by point
 * with {@code GET /aggregate?agg=count}. Needs the gateway to run the telnet server ({@code GatewayVerticle}
 * wiring). From {@code verticles/launcher}:
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.raftmetrics.launcher.bench.TelnetIngestBenchmark \
 *   [lines=3000000] [connections=2] [series=1000] [flush_points=N] [max_in_flight_batches=N] [...]
 * </pre>
 * Line {@code i} is series {@code i % series} (10 metrics, tags host and dc) at time {@code base + i / series}, so
 * every (series, timestamp) is sent once and the stored count must equal the lines sent. The client threads run in
 * the same JVM, so the process CPU figure includes them. {@code gateway.telnet} keys given as arguments override the
 * product's defaults.
 */
public final class TelnetIngestBenchmark {

  private static final String TOKEN = "bench-token";
  private static final long BASE_TS = 1_700_000_000_000L;
  private static final int METRICS = 10;
  private static final Set<String> TELNET_KEYS = Set.of("flush_points", "flush_interval_ms",
    "max_in_flight_batches", "series_cache_size", "max_batch_bytes");
  private static final Pattern COMMITTED = Pattern.compile("^raftmetrics_points_committed_total\\{[^}]*} ([0-9.E+]+)$",
    Pattern.MULTILINE);

  private TelnetIngestBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, Long> opts = new LinkedHashMap<>(Map.of("lines", 3_000_000L, "connections", 2L, "series", 1000L));
    // gateway.telnet keys given here override the product's defaults; the others keep them.
    Map<String, Long> telnetKeys = new LinkedHashMap<>();
    for (String a : args) {
      String[] kv = a.split("=", 2);
      if (kv.length == 2 && opts.containsKey(kv[0])) {
        opts.put(kv[0], Long.parseLong(kv[1]));
      } else if (kv.length == 2 && TELNET_KEYS.contains(kv[0])) {
        telnetKeys.put(kv[0], Long.parseLong(kv[1]));
      } else {
        throw new IllegalArgumentException("unknown argument " + a + "; known: " + opts.keySet() + " " + TELNET_KEYS);
      }
    }
    long lines = opts.get("lines");
    int connections = opts.get("connections").intValue();
    int series = opts.get("series").intValue();

    Path dir = Files.createTempDirectory("telnet-bench");
    int http = Ports.free();
    int raft = Ports.free();
    int mgmt = Ports.free();
    int telnet = Ports.free();
    String yaml = "node:\n  id: n1\n  roles: [gateway, raft, query]\n  data_dir: " + dir.resolve("data") + "\n"
      + "gateway:\n  host: 127.0.0.1\n  port: " + http + "\n"
      + "  auth:\n    tokens:\n      - {name: bench, token: " + TOKEN + ", scopes: [read, write]}\n"
      + "  telnet:\n    enabled: true\n    host: 127.0.0.1\n    port: " + telnet + "\n"
      + telnetYaml(telnetKeys)
      + "raft:\n  address: 127.0.0.1:" + raft + "\n  peers: [{id: n1, address: 127.0.0.1:" + raft + "}]\n"
      + "management:\n  host: 127.0.0.1\n  port: " + mgmt + "\n";
    Path file = dir.resolve("node.yaml");
    Files.writeString(file, yaml);
    NodeLauncher node = NodeLauncher.start(ConfigLoader.load(List.of(file), Map.of(), new Properties()))
      .await(120, TimeUnit.SECONDS);
    HttpClient client = HttpClient.newHttpClient();
    try {
      System.out.printf("node up; %,d putm lines over %d connections, %,d series, gateway.telnet overrides %s%n",
        lines, connections, series, telnetKeys);
      double before = committed(client, mgmt);
      com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      List<Thread> senders = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        int first = c;
        Thread t = new Thread(() -> send(telnet, first, connections, lines, series), "sender-" + c);
        t.start();
        senders.add(t);
      }
      for (Thread t : senders) {
        t.join();
      }
      long tSent = System.nanoTime();
      double done;
      while ((done = committed(client, mgmt) - before) < lines) {
        if (System.nanoTime() - tSent > TimeUnit.MINUTES.toNanos(5)) {
          throw new IllegalStateException("only " + (long) done + " of " + lines + " points committed after 5 min");
        }
        Thread.sleep(20);
      }
      long tDone = System.nanoTime();
      long cpu = os.getProcessCpuTime() - cpu0;
      double secs = (tDone - t0) / 1e9;
      System.out.printf("sent in %.2f s (%,.0f lines/s); all %,d committed after %.2f s: %,.0f points/s committed;"
          + " process CPU %.1f s (%.1f cores, %.1f ms per 10,000 points); load average %.1f%n",
        (tSent - t0) / 1e9, lines / ((tSent - t0) / 1e9), lines, secs, lines / secs, cpu / 1e9, cpu / 1e9 / secs,
        cpu / 1e6 / (lines / 10_000.0), os.getSystemLoadAverage());
      long stored = 0;
      for (int m = 0; m < METRICS; m++) {
        stored += count(client, http, "bench.metric" + m);
      }
      System.out.printf("stored (GET /aggregate count over the %d metrics): %,d of %,d%s%n", METRICS, stored, lines,
        stored == lines ? "" : "  <-- MISMATCH");
    } finally {
      node.stop().await(120, TimeUnit.SECONDS);
    }
  }

  /** Sends lines {@code first, first + step, ...}; numbers are formatted by hand to keep the client cheap. */
  private static void send(int port, int first, int step, long lines, int series) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port));
      s.setSendBufferSize(1 << 20);
      OutputStream out = s.getOutputStream();
      byte[] buf = new byte[256 * 1024];
      int pos = 0;
      for (long i = first; i < lines; i += step) {
        if (pos > buf.length - 200) {
          out.write(buf, 0, pos);
          pos = 0;
        }
        int sr = (int) (i % series);
        pos = ascii(buf, pos, "putm bench.metric");
        pos = digits(buf, pos, sr % METRICS);
        buf[pos++] = ' ';
        pos = digits(buf, pos, BASE_TS + i / series);
        buf[pos++] = ' ';
        pos = digits(buf, pos, i % 1000);
        if (i % 3 != 0) {
          pos = ascii(buf, pos, ".25");
        }
        pos = ascii(buf, pos, " host=host-");
        pos = digits(buf, pos, sr / METRICS);
        pos = ascii(buf, pos, " dc=dc");
        pos = digits(buf, pos, sr % 3);
        buf[pos++] = '\n';
      }
      out.write(buf, 0, pos);
      out.flush();
      s.shutdownOutput();
      // Wait for the server to close its side: every line was read.
      s.getInputStream().readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String telnetYaml(Map<String, Long> keys) {
    StringBuilder yaml = new StringBuilder();
    keys.forEach((k, v) -> yaml.append("    ").append(k).append(": ").append(v).append('\n'));
    return yaml.toString();
  }

  private static int ascii(byte[] b, int pos, String s) {
    for (int i = 0; i < s.length(); i++) {
      b[pos++] = (byte) s.charAt(i);
    }
    return pos;
  }

  private static int digits(byte[] b, int pos, long v) {
    if (v == 0) {
      b[pos++] = '0';
      return pos;
    }
    int start = pos;
    while (v > 0) {
      b[pos++] = (byte) ('0' + v % 10);
      v /= 10;
    }
    for (int i = start, j = pos - 1; i < j; i++, j--) {
      byte t = b[i];
      b[i] = b[j];
      b[j] = t;
    }
    return pos;
  }

  private static double committed(HttpClient client, int mgmt) throws Exception {
    String body = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mgmt + "/metrics")).build(),
      HttpResponse.BodyHandlers.ofString()).body();
    double sum = 0;
    Matcher m = COMMITTED.matcher(body);
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  private static long count(HttpClient client, int http, String metric) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http
      + "/aggregate?metric=" + metric + "&agg=count")).header("Authorization", "Bearer " + TOKEN).build(),
      HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"count\":(\\d+)").matcher(r.body());
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}

package io.raftmetrics.testkit.cassandra;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a detached development node for {@code scripts/cassandra.sh}:
 * {@code start --dir D [--address A] [--port P] [--storage-port S] [--heap-mb M]}. It waits for readiness, writes
 * {@code D/cassandra.pid} and exits; stopping is the script's job (SIGTERM to that pid).
 */
public final class CassandraCli {

  private CassandraCli() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !args[0].equals("start")) {
      System.err.println("usage: start --dir D [--address A] [--port P] [--storage-port S] [--heap-mb M]");
      System.exit(2);
    }
    Map<String, String> opts = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      opts.put(args[i], args[i + 1]);
    }
    Path dir = Paths.get(opts.getOrDefault("--dir", "data/cassandra")).toAbsolutePath();
    String address = opts.getOrDefault("--address", "127.0.0.1");
    CassandraOptions options = CassandraOptions.singleNode(dir, address,
      Integer.parseInt(opts.getOrDefault("--port", "9042")),
      Integer.parseInt(opts.getOrDefault("--storage-port", "7000")))
      .withHeapMb(Integer.parseInt(opts.getOrDefault("--heap-mb", "1024")));
    try {
      CassandraProcess node = CassandraProcess.start(CassandraRuntime.locate(), options);
      long pid = node.detach();
      Files.writeString(dir.resolve("cassandra.pid"), pid + "\n", StandardCharsets.UTF_8);
      System.out.println("Cassandra ready on " + address + ":" + options.nativePort() + " (pid " + pid + ", data "
        + dir + ", log " + node.logFile() + ")");
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
  }
}

package io.raftmetrics.gateway.telnet;

import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.gateway.http.IngestSubmitter;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Manual benchmark (a {@code main}, not a test) of the telnet server's CPU work per line on one thread, without
 * sockets or the cluster: framing, word splitting, parsing, series lookup, and encoding into batches. Run from
 * {@code verticles/gateway}:
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   io.raftmetrics.gateway.telnet.TelnetParseBenchmark [series] [rounds]
 * </pre>
 */
public final class TelnetParseBenchmark {

  private TelnetParseBenchmark() {
  }

  public static void main(String[] args) {
    int series = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int lines = 1_000_000;
    ByteArrayOutputStream text = new ByteArrayOutputStream(lines * 70);
    for (int i = 0; i < lines; i++) {
      int s = i % series;
      String line = "putm bench.metric" + (s % 10) + " " + (1_700_000_000_000L + i / series) + " "
        + (i % 3 == 0 ? Integer.toString(i % 1000) : (i % 1000) + ".25") + " host=host-" + (s / 10)
        + " dc=dc" + (s % 3) + "\n";
      text.writeBytes(line.getBytes(StandardCharsets.US_ASCII));
    }
    byte[] all = text.toByteArray();
    int chunk = 64 * 1024;
    int flushPoints = 10_000;

    for (int round = 0; round < rounds; round++) {
      PendingPoints pending = new PendingPoints();
      PutParser parser = new PutParser(new SeriesCache(50_000), 1, 64, 1024);
      BatchEncoder encoder = new BatchEncoder(1, 4 << 20, IngestSubmitter.batchIds(null));
      Words words = new Words();
      long[] stats = new long[3];
      LineFramer framer = new LineFramer(1024);
      LineFramer.Sink sink = new LineFramer.Sink() {
        @Override
        public boolean line(byte[] b, int from, int to) {
          words.split(b, from, to, 4);
          if (parser.parse(words, PutParser.Command.PUTM, pending) != null) {
            stats[2]++;
          }
          if (pending.size() >= flushPoints) {
            List<IngestBatch> batches = encoder.encode(pending, 0);
            stats[0] += batches.size();
            stats[1] += batches.get(0).bytes().length;
            pending.clear();
          }
          return true;
        }

        @Override
        public void tooLong(long length) {
          stats[2]++;
        }
      };
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (int pos = 0; pos < all.length; pos += chunk) {
        framer.feed(all, pos, Math.min(all.length, pos + chunk), sink);
      }
      long ns = System.nanoTime() - t0;
      long cpu = threads.getCurrentThreadCpuTime() - cpu0;
      // CPU time is the stable figure on a shared machine; wall time follows the load.
      System.out.printf("round %2d: %,d lines, %d ns CPU/line (%,.0f lines per CPU-second), wall %d ms, %d batches,"
          + " %,d bytes/batch, %d refused%n", round, lines, cpu / lines, lines * 1e9 / cpu, ns / 1_000_000, stats[0],
        stats[0] == 0 ? 0 : stats[1] / stats[0], stats[2]);
    }
  }
}

package io.raftmetrics.bench;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples the server's heap use every 500 ms from its Prometheus endpoint and keeps the peak. */
final class HeapWatch {

  private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]*\"} ([0-9.E]+)");

  private final URI mgmt;
  private final Vertx vertx;
  private long timer = -1;
  private volatile double peak;
  private volatile double last;

  HeapWatch(Vertx vertx, WebClient client, String mgmtUrl) {
    this.mgmt = mgmtUrl.isEmpty() ? null : URI.create(mgmtUrl);
    this.vertx = vertx;
    if (mgmt != null) {
      timer = vertx.setPeriodic(500, id -> client.get(mgmt.getPort(), mgmt.getHost(), "/metrics").send().onSuccess(r -> {
        double sum = 0;
        Matcher m = HEAP.matcher(r.bodyAsString());
        while (m.find()) {
          sum += Double.parseDouble(m.group(1));
        }
        last = sum;
        peak = Math.max(peak, sum);
      }));
    }
  }

  void reset() {
    peak = last;
  }

  void report() {
    vertx.cancelTimer(timer);
    if (mgmt != null) {
      System.out.printf("server heap used: peak %.0f MiB (sampled every 500 ms)%n", peak / (1 << 20));
    }
  }
}

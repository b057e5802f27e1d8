package io.raftmetrics.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Counts what the server stored, through the simple API's {@code /aggregate}. */
final class Verify {

  private Verify() {
  }

  static long storedPoints(WebClient client, String token, String prefix, List<String> metrics) throws Exception {
    long total = 0;
    for (String m : metrics) {
      HttpResponse<Buffer> r = client.get("/aggregate?agg=count&metric=" + m)
        .putHeader("Authorization", "Bearer " + token).send().await(120, TimeUnit.SECONDS);
      if (r.statusCode() == 200) {
        total += r.bodyAsJsonObject().getJsonObject("aggregations").getLong("count");
      } else if (r.statusCode() != 404) {
        throw new IllegalStateException("count of " + m + ": " + r.statusCode() + " " + r.bodyAsString());
      }
    }
    return total;
  }
}

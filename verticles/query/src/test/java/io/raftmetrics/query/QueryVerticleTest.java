package io.raftmetrics.query;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.ingest.IngestBatchWriter;
import io.raftmetrics.api.node.LinearizableReads;
import io.raftmetrics.api.node.NodeServices;
import io.raftmetrics.api.query.Aggregate;
import io.raftmetrics.api.query.AggregateRequest;
import io.raftmetrics.api.query.AggregateResult;
import io.raftmetrics.api.query.LatestPoint;
import io.raftmetrics.api.query.LatestRequest;
import io.raftmetrics.api.query.MetricNamesRequest;
import io.raftmetrics.api.query.NameList;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.junit5.VertxExtension;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@ExtendWith(VertxExtension.class)
class QueryVerticleTest {

  @TempDir
  Path dir;

  @Test
  void refusesToRunOnAnEventLoop(Vertx vertx) throws Exception {
    try (QueryHarness h = QueryHarness.withReplica(vertx, dir)) {
      Throwable failure = catchThrowable(() -> vertx.deployVerticle(new QueryVerticle(), new DeploymentOptions())
        .await(10, TimeUnit.SECONDS));

      assertThat(failure).hasMessageContaining("must be deployed as a worker");
    }
  }

  @Test
  void refusesAShardWithoutLocalReplica(Vertx vertx) throws Exception {
    try (QueryHarness h = QueryHarness.withReplica(vertx, dir)) {
      Throwable failure = catchThrowable(() -> h.deploy(new JsonObject().put("shards", new JsonArray().add(0).add(3))));

      assertThat(failure).hasMessage(
        "query role needs a local raft replica of shard 3 in this JVM (deploy raft first)");
      assertThat(vertx.deploymentIDs()).isEmpty();
    }
  }

  @Test
  void refusesInvalidConfiguration(Vertx vertx) throws Exception {
    try (QueryHarness h = QueryHarness.withReplica(vertx, dir)) {
      assertThat(catchThrowable(() -> h.deploy(new JsonObject().put("shards", "all"))))
        .hasMessageContaining("query.shards");
      assertThat(catchThrowable(() -> h.deploy(new JsonObject().put("memory_limit", "1'; DROP"))))
        .hasMessageContaining("query.memory_limit");
    }
  }

  @Test
  void metricNamesAreSortedAndFilteredByPrefix(Vertx vertx) throws Exception {
    try (QueryHarness h = QueryHarness.withReplica(vertx, dir)) {
      IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), 0, 0);
      for (String name : List.of("sys.load", "app.requests", "sys.cpu", "sysadmin")) {
        w.startMetric(name, new TreeMap<>(Map.of("k", "v")), 0).addLong(1, 1).endMetric();
      }
      h.apply(w.finish().bytes()).deploy(new JsonObject().put("duckdb_threads", 2).put("memory_limit", "1GB"));

      NameList all = h.ask(new MetricNamesRequest(null));
      NameList sys = h.ask(new MetricNamesRequest("sys."));

      assertThat(all.names()).containsExactly("app.requests", "sys.cpu", "sys.load", "sysadmin");
      assertThat(sys.names()).containsExactly("sys.cpu", "sys.load");
    }
  }

  @Test
  void unsupportedRequestIsRejected(Vertx vertx) throws Exception {
    try (QueryHarness h = QueryHarness.withReplica(vertx, dir)) {
      h.deploy(new JsonObject());

      ReplyException e = h.failure("not a query");

      assertThat(e.failureCode()).isEqualTo(ErrorCode.BAD_REQUEST.code());
    }
  }

  @Test
  void healthChecksEveryInstanceAndIsRemovedOnUndeploy(Vertx vertx) throws Exception {
    try (QueryHarness h = QueryHarness.withReplica(vertx, dir)) {
      h.deploy(new JsonObject());

      CheckResult up = NodeServices.of(vertx).health().checkStatus(QueryVerticle.HEALTH_GROUP)
        .await(10, TimeUnit.SECONDS);
      assertThat(up.getUp()).isTrue();
      assertThat(up.getChecks()).hasSize(2).allSatisfy(c -> assertThat(c.getData().getString("shard-0")).isEqualTo("ok"));

      for (String id : vertx.deploymentIDs()) {
        vertx.undeploy(id).await(10, TimeUnit.SECONDS);
      }
      CheckResult after = NodeServices.of(vertx).health().checkStatus().await(10, TimeUnit.SECONDS);
      assertThat(after.toJson().encode()).doesNotContain("instance-");
    }
  }

  @Test
  void linearizableReadWaitsForTheBarrierOfItsShard(Vertx vertx) throws Exception {
    try (QueryHarness h = QueryHarness.withReplica(vertx, dir)) {
      h.apply(Dataset.entries().get(0)).deploy(new JsonObject());
      List<Integer> barriers = new CopyOnWriteArrayList<>();
      // Stands in for the raft role's read index: completes from a thread outside Vert.x, like a Ratis callback.
      LinearizableReads reads = shard -> {
        barriers.add(shard);
        Promise<Void> p = Promise.promise();
        CompletableFuture.runAsync(() -> p.complete(null));
        return p.future();
      };
      NodeServices.of(vertx).put(NodeServices.LINEARIZABLE_READS, reads);

      LatestPoint p = h.ask(new LatestRequest("cpu", Map.of(), true));
      AggregateResult a = h.ask(new AggregateRequest("cpu", Long.MIN_VALUE, Long.MAX_VALUE, 0, List.of(Aggregate.COUNT),
        List.of(), Map.of(), null, false, 0, true));

      assertThat(p.metric()).isEqualTo("cpu");
      assertThat(a.aggregations().get("count")).isEqualTo(200L);
      assertThat(barriers).containsExactly(0, 0);

      NodeServices.of(vertx).put(NodeServices.LINEARIZABLE_READS,
        (LinearizableReads) shard -> Future.failedFuture(
          new ReplyException(ReplyFailure.RECIPIENT_FAILURE, ErrorCode.UNAVAILABLE.code(), "no leader")));
      ReplyException noQuorum = h.failure(new LatestRequest("cpu", Map.of(), true));
      assertThat(noQuorum.failureCode()).isEqualTo(ErrorCode.UNAVAILABLE.code());
      assertThat(noQuorum.getMessage()).contains("no leader");
    }
  }

  @Test
  void latencyIsRecordedPerOperationOnTheVertxRegistry() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Vertx vertx = Vertx.builder()
      .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
      .withMetrics(new MicrometerMetricsFactory(registry)).build();
    try (QueryHarness h = QueryHarness.withReplica(vertx, dir)) {
      h.apply(Dataset.entries().get(0)).deploy(new JsonObject());

      h.ask(new MetricNamesRequest(""));
      h.ask(new LatestRequest("cpu", Map.of(), false));
      h.failure(new LatestRequest("nope", Map.of(), false));

      assertThat(registry.get(QueryMetrics.LATENCY).tag("op", "names").timer().count()).isEqualTo(1);
      assertThat(registry.get(QueryMetrics.LATENCY).tag("op", "latest").timer().count()).isEqualTo(2);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /**
   * The event loops stay free while queries run: Vert.x's blocked-thread checker, tuned to 20 ms, reports no event
   * loop while heavy aggregates run, although it does report one that is blocked on purpose.
   */
  @Test
  void queriesNeverBlockAnEventLoop() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(5).setMaxEventLoopExecuteTime(20)
      .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS).setWarningExceptionTime(10)
      .setWarningExceptionTimeUnit(TimeUnit.SECONDS));
    List<BlockedThreadEvent> blocked = new CopyOnWriteArrayList<>();
    ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(blocked::add);
    try (QueryHarness h = QueryHarness.withReplica(vertx, dir)) {
      IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), 0, 0);
      for (int s = 0; s < 20; s++) {
        w.startMetric("big", new TreeMap<>(Map.of("host", "h" + s)), 0);
        for (int i = 0; i < 10_000; i++) {
          w.addDouble(i * 1000L, (i * 31 + s) % 1000);
        }
        w.endMetric();
      }
      h.apply(w.finish().bytes()).deploy(new JsonObject());

      Promise<Void> spun = Promise.promise();
      vertx.runOnContext(v -> {
        spin(100);
        spun.complete();
      });
      spun.future().await(10, TimeUnit.SECONDS);
      assertThat(blocked).anyMatch(e -> e.thread().getName().contains("eventloop"));
      Thread.sleep(50);
      blocked.clear();

      AggregateRequest heavy = new AggregateRequest("big", Long.MIN_VALUE, Long.MAX_VALUE, 60_000, List.of(Aggregate.values()),
        List.of("host"), Map.of(), Aggregate.P99, true, 5, false);
      for (int i = 0; i < 3; i++) {
        AggregateResult r = vertx.eventBus().<AggregateResult>request(Addresses.queryShard(0), heavy)
          .await(60, TimeUnit.SECONDS).body();
        assertThat(r.aggregations().get("count")).isEqualTo(200_000L);
      }
      assertThat(blocked).noneMatch(e -> e.thread().getName().contains("eventloop"));
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static void spin(long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}

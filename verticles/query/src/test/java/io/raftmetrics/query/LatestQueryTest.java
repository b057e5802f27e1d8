package io.raftmetrics.query;

import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.api.log.DeleteEntry;
import io.raftmetrics.api.query.LatestPoint;
import io.raftmetrics.api.query.LatestRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.raftmetrics.query.Dataset.T0;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class LatestQueryTest {

  @TempDir
  Path dir;
  private QueryHarness harness;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    harness = QueryHarness.withReplica(vertx, dir);
    Dataset.entries().forEach(harness::apply);
    harness.deploy(new JsonObject());
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  @Test
  void newestPointOfAnySeriesAndType() throws Exception {
    LatestPoint p = harness.ask(new LatestRequest("cpu", Map.of(), false));

    // Series 1 (long, host b) has the newest point: i = 149 at 11 s steps.
    assertThat(p).isEqualTo(new LatestPoint("cpu", T0 + 149 * 11_000L, DataType.LONG, (149L * 53 % 97) - 40,
      Map.of("host", "b", "dc", "x")));
  }

  @Test
  void exactTagsSelectTheSeries() throws Exception {
    LatestPoint p = harness.ask(new LatestRequest("cpu", Map.of("dc", "y"), false));

    assertThat(p).isEqualTo(new LatestPoint("cpu", T0 + 199 * 7_000L, DataType.DOUBLE, (199 * 17 % 23) * 1.5,
      Map.of("host", "a", "dc", "y")));
  }

  @Test
  void tieOnTheTimestampGoesToTheSeriesCreatedLast() throws Exception {
    // Series 0 (double), 3 (double) and 4 (string) all end at T0 + 1393 s; series 4 was created last.
    LatestPoint p = harness.ask(new LatestRequest("cpu", Map.of("host", "a"), false));

    assertThat(p).isEqualTo(new LatestPoint("cpu", T0 + 1_393_000, DataType.STRING, "late-text",
      Map.of("host", "a", "dc", "x")));
  }

  @Test
  void unknownMetricUnmatchedTagsAndMetricWithoutPointsAreNotFound() throws Exception {
    harness.apply(new DeleteEntry("neg", Map.of(), Long.MIN_VALUE, Long.MAX_VALUE - 1).encode());

    assertThat(harness.failure(new LatestRequest("nope", Map.of(), false)).failureCode()).isEqualTo(404);
    assertThat(harness.failure(new LatestRequest("cpu", Map.of("host", "zzz"), false)).failureCode()).isEqualTo(404);
    assertThat(harness.failure(new LatestRequest("neg", Map.of(), false)).getMessage()).contains("no points");
  }

  @Test
  void seesOverwritesAndDeletesAsSoonAsTheyAreApplied() throws Exception {
    harness.apply(new DeleteEntry("cpu", Map.of("host", List.of("b")), T0 + 1_000_000, Long.MAX_VALUE - 1)
      .encode());

    LatestPoint p = harness.ask(new LatestRequest("cpu", Map.of("host", "b"), false));

    assertThat(p.timestamp()).isEqualTo(T0 + 90 * 11_000L);
  }

  @Test
  void linearizableReadWithoutTheRaftRoleIsUnavailable() {
    assertThat(harness.failure(new LatestRequest("cpu", Map.of(), true)).failureCode())
      .isEqualTo(ErrorCode.UNAVAILABLE.code());
  }
}

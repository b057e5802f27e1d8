package io.raftmetrics.query.kairos;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.Codecs;
import io.raftmetrics.api.kairos.KairosQuery;
import io.raftmetrics.api.kairos.KairosTagsQuery;
import io.raftmetrics.api.kairos.RenderedJson;
import io.raftmetrics.api.kairos.TagNamesRequest;
import io.raftmetrics.api.kairos.TagValuesRequest;
import io.raftmetrics.api.node.NodeServices;
import io.raftmetrics.api.query.NameList;
import io.raftmetrics.gateway.kairos.KairosQueryParser;
import io.raftmetrics.query.QueryVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The KairosDB requests through the query verticle on the event bus, over a real replica: rendered fragments, tag
 * lists, and the query limits answering {@code LIMIT_EXCEEDED} with a "Query exceeded" message.
 */
class KairosQueryServiceTest {

  @TempDir
  Path dir;
  Vertx vertx;
  FixtureReplica node;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx.eventBus());
    node = new FixtureReplica(dir);
    assertThat(node.ingest("[{\"name\":\"svc\",\"tags\":{\"host\":\"a\",\"dc\":\"x\"},\"datapoints\":[[1000,1],[2000,2],"
      + "[3000,3]]},{\"name\":\"svc\",\"tags\":{\"host\":\"b\"},\"datapoints\":[[1000,10]]}]")).isEmpty();
    NodeServices.of(vertx).put(NodeServices.replicaKey(0), node.replica);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
    node.close();
  }

  private void deploy(JsonObject config) throws Exception {
    vertx.deployVerticle(QueryVerticle.class, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
      .setWorkerPoolName("duckdb").setWorkerPoolSize(2).setInstances(1).setConfig(config)).await(30, TimeUnit.SECONDS);
  }

  @SuppressWarnings("unchecked")
  private <T> T ask(Object request) throws Exception {
    return (T) vertx.eventBus().request(Addresses.queryShard(0), request).await(30, TimeUnit.SECONDS).body();
  }

  private static io.raftmetrics.api.kairos.KairosMetricQuery query(String metricJson) throws Exception {
    return new KairosQueryParser().parse("{\"start_absolute\":0,\"metrics\":[" + metricJson + "]}", 0).get(0);
  }

  @Test
  void answersQueriesTagQueriesAndTagLists() throws Exception {
    deploy(new JsonObject());
    RenderedJson r = ask(new KairosQuery(query("{\"name\":\"svc\",\"group_by\":[{\"name\":\"tag\",\"tags\":[\"host\"]}],"
      + "\"aggregators\":[{\"name\":\"count\",\"sampling\":{\"value\":1,\"unit\":\"hours\"}}]}"), false));
    assertThat(r.text()).isEqualTo("{\"sample_size\":4,\"results\":[{\"name\":\"svc\",\"group_by\":[{\"name\":\"tag\","
      + "\"tags\":[\"host\"],\"group\":{\"host\":\"a\"}},{\"name\":\"type\",\"type\":\"number\"}],\"tags\":{\"dc\":[\"x\"],"
      + "\"host\":[\"a\"]},\"values\":[[1000,3]]},{\"name\":\"svc\",\"group_by\":[{\"name\":\"tag\",\"tags\":[\"host\"],"
      + "\"group\":{\"host\":\"b\"}},{\"name\":\"type\",\"type\":\"number\"}],\"tags\":{\"host\":[\"b\"]},"
      + "\"values\":[[1000,1]]}]}");
    RenderedJson tags = ask(new KairosTagsQuery(query("{\"name\":\"svc\",\"tags\":{\"host\":\"b\"}}")));
    assertThat(tags.text()).isEqualTo("{\"results\":[{\"name\":\"svc\",\"tags\":{\"host\":[\"b\"]},\"values\":[]}]}");
    NameList names = ask(new TagNamesRequest(null, null));
    assertThat(names.names()).containsExactly("dc", "host");
    NameList values = ask(new TagValuesRequest("svc", "host", null));
    assertThat(values.names()).containsExactly("a", "b");
    NameList prefixed = ask(new TagValuesRequest(null, null, "x"));
    assertThat(prefixed.names()).containsExactly("x");
  }

  @Test
  void queriesOverTheirLimitsFailWithLimitExceeded() throws Exception {
    deploy(new JsonObject().put("max_points_scanned", 2));
    ReplyException e = catchThrowableOfType(ReplyException.class, () -> ask(new KairosQuery(query("{\"name\":\"svc\"}"),
      false)));
    assertThat(e.failureCode()).isEqualTo(422);
    assertThat(e.getMessage()).startsWith("Query exceeded the limit of 2 data points scanned");
    // gaps over an empty range would produce more nulls than the limit allows
    ReplyException gaps = catchThrowableOfType(ReplyException.class, () -> ask(new KairosQuery(query(
      "{\"name\":\"svc\",\"tags\":{\"host\":\"b\"},\"aggregators\":[{\"name\":\"gaps\",\"sampling\":{\"value\":1,"
        + "\"unit\":\"milliseconds\"}}]}"), false)));
    assertThat(gaps.failureCode()).isEqualTo(422);
  }

  @Test
  void invalidLimitsRefuseToDeploy() {
    Throwable e = catchThrowableOfType(Exception.class, () -> deploy(new JsonObject().put("max_query_ms", 0)));
    assertThat(e).hasMessageContaining("query.max_query_ms must be a positive integer");
  }
}

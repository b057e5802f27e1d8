package io.raftmetrics.launcher.e2e;

import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.message.BasicHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kairosdb.client.HttpClient;
import org.kairosdb.client.builder.AggregatorFactory;
import org.kairosdb.client.builder.DataPoint;
import org.kairosdb.client.builder.MetricBuilder;
import org.kairosdb.client.builder.QueryBuilder;
import org.kairosdb.client.builder.QueryMetric;
import org.kairosdb.client.builder.QueryTagBuilder;
import org.kairosdb.client.builder.TimeUnit;
import org.kairosdb.client.builder.grouper.TagGrouper;
import org.kairosdb.client.response.QueryResponse;
import org.kairosdb.client.response.Result;
import org.kairosdb.client.response.grouping.TagGroupResult;

import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KairosDB's official Java client ({@code org.kairosdb:client} 3.1.1), unchanged except for the bearer token it
 * sends as a default header, pushes (gzip-compressed) and queries through the node: aggregation with a tag grouper,
 * tag queries, metric names, deletes, version and health.
 */
class KairosClientE2ETest {

  private static final long T0 = 1_700_000_000_000L;

  @TempDir
  static Path dir;
  static NodeHarness node;
  static KairosQueryServer queries;
  static HttpClient writer;
  static HttpClient reader;

  @BeforeAll
  static void start() throws Exception {
    node = NodeHarness.start(dir, "");
    queries = KairosQueryServer.of(node);
    writer = client(node.httpPort);
    // the query routes are the gateway's once Routes registers them; until then the test's own router serves them
    reader = queries.port == node.httpPort ? writer : client(queries.port);
  }

  private static HttpClient client(int port) throws Exception {
    HttpClientBuilder builder = HttpClientBuilder.create()
      .setDefaultHeaders(List.of(new BasicHeader("Authorization", "Bearer " + NodeHarness.TOKEN)));
    return new HttpClient(builder, "http://127.0.0.1:" + port);
  }

  @AfterAll
  static void stop() throws Exception {
    writer.close();
    if (reader != writer) {
      reader.close();
    }
    queries.close();
    node.close();
  }

  private static double number(DataPoint p) {
    return ((Number) p.getValue()).doubleValue();
  }

  @Test
  void pushQueryAndDeleteWithTheOfficialClient() throws Exception {
    MetricBuilder metrics = MetricBuilder.getInstance();
    metrics.setCompression(true);
    for (String host : List.of("a", "b")) {
      org.kairosdb.client.builder.Metric m = metrics.addMetric("client.cpu").addTag("host", host).addTag("dc", "x");
      for (int i = 0; i < 120; i++) {
        m.addDataPoint(T0 + i * 1000L, host.equals("a") ? (long) i : i + 0.5);
      }
    }
    writer.pushMetrics(metrics);

    QueryBuilder q = QueryBuilder.getInstance().setStart(new Date(T0)).setEnd(new Date(T0 + 119_000));
    q.addMetric("client.cpu").addGrouper(new TagGrouper("host"))
      .addAggregator(AggregatorFactory.createSumAggregator(1, TimeUnit.MINUTES))
      .addAggregator(AggregatorFactory.createFilterAggregator(AggregatorFactory.FilterOperation.GT, 2000.0));
    QueryResponse response = reader.query(q);
    assertThat(response.getQueries()).hasSize(1);
    assertThat(response.getQueries().get(0).getSampleSize()).isEqualTo(240);
    List<Result> results = response.getQueries().get(0).getResults();
    assertThat(results).hasSize(2);
    // ranges are aligned on minutes (T0 is 20 s past one): the first holds i = 0..39, sums 780 (a, longs) and
    // 800 (b, i + 0.5); the next ones sum above 2000 and the filter drops them
    assertThat(results.get(0).getDataPoints()).extracting(DataPoint::getTimestamp, KairosClientE2ETest::number)
      .containsExactly(org.assertj.core.groups.Tuple.tuple(T0, 780.0));
    assertThat(results.get(1).getDataPoints()).extracting(KairosClientE2ETest::number).containsExactly(800.0);
    assertThat(results.get(0).getGroupResults()).anySatisfy(g ->
      assertThat(((TagGroupResult) g).getGroup()).isEqualTo(Map.of("host", "a")));
    assertThat(results.get(1).getTags()).isEqualTo(Map.of("dc", List.of("x"), "host", List.of("b")));

    QueryTagBuilder tags = QueryTagBuilder.getInstance().setStart(new Date(T0));
    tags.addMetric("client.cpu");
    assertThat(reader.queryTags(tags).getQueries().get(0).getResults().get(0).getTags())
      .isEqualTo(Map.of("dc", List.of("x"), "host", List.of("a", "b")));
    assertThat(writer.getMetricNames()).contains("client.cpu");

    QueryBuilder limited = QueryBuilder.getInstance().setStart(new Date(T0));
    QueryMetric metric = limited.addMetric("client.cpu").addTag("host", "b");
    metric.setLimit(3);
    metric.setOrder(QueryMetric.Order.DESCENDING);
    assertThat(reader.query(limited).getQueries().get(0).getResults().get(0).getDataPoints())
      .extracting(DataPoint::getTimestamp).containsExactly(T0 + 119_000, T0 + 118_000, T0 + 117_000);

    QueryBuilder delete = QueryBuilder.getInstance().setStart(new Date(T0)).setEnd(new Date(T0 + 59_000));
    delete.addMetric("client.cpu").addTag("host", "a");
    reader.delete(delete);
    QueryBuilder after = QueryBuilder.getInstance().setStart(new Date(T0));
    after.addMetric("client.cpu").addTag("host", "a");
    assertThat(reader.query(after).getQueries().get(0).getSampleSize()).isEqualTo(60);

    reader.deleteMetric("client.cpu");
    assertThat(writer.getMetricNames()).doesNotContain("client.cpu");
    assertThat(writer.getVersion()).startsWith("KairosDB");
    assertThat(writer.getStatusCheck()).isEqualTo(204);
  }
}

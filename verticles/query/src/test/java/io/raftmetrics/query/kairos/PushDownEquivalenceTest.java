package io.raftmetrics.query.kairos;

import io.raftmetrics.api.kairos.KairosMetricQuery;
import io.raftmetrics.gateway.kairos.KairosQueryParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Aggregation pushed down into DuckDB must print exactly what the streaming path (KairosDB's algorithm, checked
 * against the recordings) prints: every combination of aggregator, sampling, alignment, time zone and tag group-by
 * over irregular long and mixed data runs both ways and the answers are compared byte for byte.
 */
class PushDownEquivalenceTest {

  private static final long T0 = 1_700_000_123_456L;

  @TempDir
  static Path dir;
  static FixtureReplica node;

  @BeforeAll
  static void load() throws Exception {
    node = new FixtureReplica(dir);
    Random r = new Random(7);
    StringBuilder body = new StringBuilder("[");
    for (int s = 0; s < 12; s++) {
      String tags = "{\"host\":\"h" + (s % 4) + "\",\"dc\":\"d" + (s / 4) + "\"}";
      body.append(s == 0 ? "" : ",").append("{\"name\":\"pd.long\",\"tags\":").append(tags).append(",\"datapoints\":[");
      long t = T0 + r.nextInt(5000);
      for (int i = 0; i < 400; i++) {
        body.append(i == 0 ? "" : ",").append('[').append(t).append(',').append(r.nextInt(2001) - 1000).append(']');
        t += 1 + r.nextInt(900_000);
      }
      body.append("]}");
      body.append(",{\"name\":\"pd.mixed\",\"tags\":").append(tags).append(",\"datapoints\":[");
      for (int i = 0; i < 50; i++) {
        long ts = T0 + r.nextInt(3 * 86_400_000);
        body.append(i == 0 ? "" : ",").append('[').append(ts).append(',')
          .append(s % 2 == 0 ? Integer.toString(r.nextInt(100)) : (r.nextInt(1000) / 7.0) + "").append(']');
      }
      body.append("]}");
    }
    body.append(",{\"name\":\"pd.huge\",\"tags\":{\"h\":\"a\"},\"datapoints\":[[" + T0 + ",9007199254740000],["
      + (T0 + 1) + ",9007199254740000],[" + (T0 + 2) + ",3]]}]");
    assertThat(node.ingest(body.toString())).isEmpty();
  }

  @AfterAll
  static void close() throws Exception {
    node.close();
  }

  @Test
  void pushedDownAnswersEqualStreamedAnswers() throws Exception {
    String[] aggs = {"count", "min", "max", "sum", "avg"};
    String[] samplings = {"{\"value\":7,\"unit\":\"milliseconds\"}", "{\"value\":13,\"unit\":\"seconds\"}",
      "{\"value\":5,\"unit\":\"minutes\"}", "{\"value\":1,\"unit\":\"hours\"}", "{\"value\":1,\"unit\":\"days\"}",
      "{\"value\":2,\"unit\":\"weeks\"}"};
    String[] aligns = {"", ",\"align_sampling\":false", ",\"align_start_time\":true", ",\"align_end_time\":true"};
    String[] groupBys = {"", ",\"group_by\":[{\"name\":\"tag\",\"tags\":[\"host\"]}]",
      ",\"group_by\":[{\"name\":\"tag\",\"tags\":[\"dc\",\"host\"]}]"};
    String[] zones = {"", ",\"time_zone\":\"+05:30\"", ",\"time_zone\":\"Europe/Paris\""};
    KairosQueryParser parser = new KairosQueryParser();
    int pushed = 0;
    int compared = 0;
    List<String> metrics = List.of("pd.long", "pd.mixed", "pd.huge");
    for (String metric : metrics) {
      for (String agg : aggs) {
        for (int i = 0; i < samplings.length; i++) {
          String json = "{\"start_absolute\":" + (T0 + 777) + ",\"end_absolute\":" + (T0 + 4L * 86_400_000)
            + zones[i % zones.length] + ",\"metrics\":[{\"name\":\"" + metric + "\"" + groupBys[(i + agg.length()) % 3]
            + ",\"aggregators\":[{\"name\":\"" + agg + "\",\"sampling\":" + samplings[i] + aligns[i % aligns.length]
            + "}" + (i % 2 == 0 ? ",{\"name\":\"scale\",\"factor\":0.5}" : "") + "]}]}";
          for (KairosMetricQuery q : parser.parse(json, 0)) {
            KairosQueryEngine.Result down = node.reader.read(r -> KairosQueryEngine.run(r, q,
              new QueryBudget(1_000_000, 60_000), 0, true));
            KairosQueryEngine.Result streamed = node.reader.read(r -> KairosQueryEngine.run(r, q,
              new QueryBudget(1_000_000, 60_000), 0, false));
            assertThat(down.json()).as(json).isEqualTo(streamed.json());
            assertThat(streamed.pushedDown()).isFalse();
            pushed += down.pushedDown() ? 1 : 0;
            compared++;
          }
        }
      }
    }
    assertThat(compared).isEqualTo(90);
    // count over every metric, and min/max/sum/avg over the long metric, with fixed-width ranges
    assertThat(pushed).isGreaterThan(25);
  }

  @Test
  void sumsThatCouldRoundFallBackToTheStreamingPath() throws Exception {
    KairosMetricQuery q = new KairosQueryParser().parse("{\"start_absolute\":0,\"metrics\":[{\"name\":\"pd.huge\","
      + "\"aggregators\":[{\"name\":\"sum\",\"sampling\":{\"value\":1,\"unit\":\"days\"}}]}]}", 0).get(0);
    KairosQueryEngine.Result r = node.reader.read(rd -> KairosQueryEngine.run(rd, q, new QueryBudget(100, 60_000), 0));
    assertThat(r.pushedDown()).isFalse();
    assertThat(r.json()).contains("\"values\":[[" + T0 + ",1.8014398509480004E16]]");
  }
}

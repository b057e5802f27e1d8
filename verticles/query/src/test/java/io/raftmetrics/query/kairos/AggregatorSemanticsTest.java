package io.raftmetrics.query.kairos;

import io.raftmetrics.api.kairos.KairosMetricQuery;
import io.raftmetrics.gateway.kairos.KairosQueryParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Aggregator semantics beyond the recordings, on the values KairosDB's own tests and the compatibility spec give
 * (data {@code [1000:1, 2000:2, 3000:4, 4000:8, 6000:16, 61000:5]}), through the real parser, replica and engine.
 */
class AggregatorSemanticsTest {

  @TempDir
  static Path dir;
  static FixtureReplica node;

  @BeforeAll
  static void load() throws Exception {
    node = new FixtureReplica(dir);
    assertThat(node.ingest("[{\"name\":\"sem\",\"tags\":{\"h\":\"a\"},\"datapoints\":[[1000,1],[2000,2],[3000,4],"
      + "[4000,8],[6000,16],[61000,5]]},{\"name\":\"txt\",\"tags\":{\"h\":\"a\"},\"datapoints\":[[1000,\"b\"],"
      + "[2000,\"a\"],[3000,\"c\"]],\"type\":\"string\"},{\"name\":\"dup\",\"tags\":{\"h\":\"a\"},"
      + "\"datapoints\":[[1000,1],[2000,2]]},{\"name\":\"dup\",\"tags\":{\"h\":\"b\"},\"datapoints\":[[1000,3]]}]"))
      .isEmpty();
  }

  @AfterAll
  static void close() throws Exception {
    node.close();
  }

  /** The values of the only result of a one-metric query over {@code sem} from 0. */
  private static String values(String metric, String extra) throws Exception {
    KairosMetricQuery q = new KairosQueryParser().parse("{\"start_absolute\":0,\"end_absolute\":100000,\"metrics\":"
      + "[{\"name\":\"" + metric + "\"" + extra + "}]}", 0).get(0);
    String json = node.reader.read(r -> KairosQueryEngine.run(r, q, new QueryBudget(1_000_000, 60_000), 200_000))
      .json();
    int i = json.indexOf("\"values\":");
    return i < 0 ? "none" : json.substring(i + 9, json.length() - 3);
  }

  private static String agg(String aggregators) {
    return ",\"aggregators\":[" + aggregators + "]";
  }

  @Test
  void rangeAggregatorsMatchKairosDbsVerifiedOutputs() throws Exception {
    String minute = "\"sampling\":{\"value\":1,\"unit\":\"minutes\"}";
    assertThat(values("sem", agg("{\"name\":\"sum\"," + minute + "}"))).isEqualTo("[[1000,31],[61000,5]]");
    assertThat(values("sem", agg("{\"name\":\"sum\"," + minute + ",\"align_end_time\":true}")))
      .isEqualTo("[[60000,31],[120000,5]]");
    assertThat(values("sem", agg("{\"name\":\"percentile\",\"percentile\":0.5," + minute + "}")))
      .isEqualTo("[[1000,4],[61000,5]]");
    assertThat(values("sem", agg("{\"name\":\"dev\"," + minute + "}"))).isEqualTo("[[1000,6.099180272790762],[61000,0]]");
    assertThat(values("sem", agg("{\"name\":\"last\"," + minute + "}"))).isEqualTo("[[6000,16],[61000,5]]");
    assertThat(values("sem", agg("{\"name\":\"count\",\"sampling\":{\"value\":2,\"unit\":\"seconds\"},"
      + "\"align_start_time\":true}"))).isEqualTo("[[0,1],[2000,2],[4000,1],[6000,1],[60000,1]]");
  }

  @Test
  void pointAggregatorsMatchKairosDbsVerifiedOutputs() throws Exception {
    assertThat(values("sem", agg("{\"name\":\"rate\",\"unit\":\"seconds\"}")))
      .isEqualTo("[[2000,1],[3000,2],[4000,4],[6000,4],[61000,-0.2]]");
    assertThat(values("sem", agg("{\"name\":\"score\",\"thresholds\":[{\"value\":3},{\"value\":10}]}")))
      .isEqualTo("[[1000,0],[2000,0],[3000,1],[4000,1],[6000,2],[61000,1]]");
    assertThat(values("sem", agg("{\"name\":\"sampler\",\"unit\":\"seconds\"}")))
      .isEqualTo("[[2000,2],[3000,4],[4000,8],[6000,8],[61000,0.0909090909090909]]");
    assertThat(values("sem", agg("{\"name\":\"sma\",\"size\":2}"))).isEqualTo("[[2000,1.5],[3000,3],[4000,6],[6000,12],[61000,10.5]]");
    assertThat(values("sem", agg("{\"name\":\"trim\",\"trim\":\"first\"},{\"name\":\"trim\",\"trim\":\"last\"}")))
      .isEqualTo("[[2000,2],[3000,4],[4000,8],[6000,16]]");
    assertThat(values("sem", agg("{\"name\":\"least_squares\",\"sampling\":{\"value\":10,\"unit\":\"seconds\"}}")))
      .isEqualTo("[[1000,-0.6081081081081074],[6000,14.864864864864867],[61000,5]]");
  }

  @Test
  void descendingOrderFeedsRangesTheWayKairosDbDoes() throws Exception {
    // KairosDB's range iterator takes every following (older) point into the range of the newest one
    assertThat(values("sem", ",\"order\":\"desc\"" + agg("{\"name\":\"sum\",\"sampling\":{\"value\":1,\"unit\":"
      + "\"minutes\"}}"))).isEqualTo("[[61000,36]]");
  }

  @Test
  void gapsFillEmptyRangesUpToTheEndOrTrimThem() throws Exception {
    String gaps = "{\"name\":\"gaps\",\"sampling\":{\"value\":20,\"unit\":\"seconds\"},\"align_sampling\":false";
    assertThat(values("sem", agg(gaps + "}"))).isEqualTo(
      "[[1000,1],[2000,2],[3000,4],[4000,8],[6000,16],[20000,null],[40000,null],[61000,5],[80000,null],[100000,null]]");
    assertThat(values("sem", agg(gaps + ",\"trim\":true}")))
      .isEqualTo("[[1000,1],[2000,2],[3000,4],[4000,8],[6000,16],[20000,null],[40000,null],[61000,5]]");
  }

  @Test
  void textGroupsSkipNumericAggregatorsAndFilterCompareAsText() throws Exception {
    assertThat(values("txt", agg("{\"name\":\"sum\",\"sampling\":{\"value\":1,\"unit\":\"minutes\"}}")))
      .isEqualTo("[[1000,\"b\"],[2000,\"a\"],[3000,\"c\"]]");
    assertThat(values("txt", agg("{\"name\":\"filter\",\"filter_op\":\"lt\",\"threshold\":\"b\"}")))
      .isEqualTo("[[1000,\"b\"],[3000,\"c\"]]");
    assertThat(values("txt", agg("{\"name\":\"count\",\"sampling\":{\"value\":1,\"unit\":\"minutes\"}},"
      + "{\"name\":\"scale\",\"factor\":2}"))).isEqualTo("[[1000,6]]");
  }

  @Test
  void normalisedQueriesSurviveTheEventBusCodecBetweenJvms() throws Exception {
    String json = "{\"start_absolute\":0,\"end_absolute\":100000,\"time_zone\":\"Asia/Tokyo\",\"metrics\":[{"
      + "\"name\":\"sem\",\"group_by\":[{\"name\":\"value\",\"range_size\":10},{\"name\":\"bin\",\"bins\":[3,9]},"
      + "{\"name\":\"time\",\"range_size\":{\"value\":1,\"unit\":\"minutes\"},\"group_count\":2}],\"aggregators\":["
      + "{\"name\":\"filter\",\"filter_op\":\"gt\",\"threshold\":\"15.0\"},{\"name\":\"div\",\"divisor\":3},"
      + "{\"name\":\"percentile\",\"percentile\":0.75,\"sampling\":{\"value\":2,\"unit\":\"seconds\"}},"
      + "{\"name\":\"score\",\"thresholds\":[{\"value\":0.5}],\"order\":\"descending\"},"
      + "{\"name\":\"dev\",\"return_type\":\"neg_sd\",\"dev_count\":2,\"sampling\":{\"value\":1,\"unit\":\"days\"}}]}]}";
    KairosMetricQuery q = new KairosQueryParser().parse(json, 0).get(0);
    KairosMetricQuery wired = io.raftmetrics.api.kairos.KairosQuery.fromJson(new io.vertx.core.json.JsonObject(
      new io.raftmetrics.api.kairos.KairosQuery(q, false).toJson().encode())).query();
    String direct = node.reader.read(r -> KairosQueryEngine.run(r, q, new QueryBudget(1000, 60_000), 0)).json();
    String decoded = node.reader.read(r -> KairosQueryEngine.run(r, wired, new QueryBudget(1000, 60_000), 0)).json();
    assertThat(decoded).isEqualTo(direct).contains("\"group_by\":[{\"name\":\"value\"");
  }

  @Test
  void rateOverEqualTimestampsIsABadRequest() throws Exception {
    assertThatThrownBy(() -> values("dup", agg("{\"name\":\"rate\"}")))
      .isInstanceOf(KairosQueryException.class).hasMessageStartingWith("The rate aggregator cannot compute rate");
    assertThat(values("dup", agg("{\"name\":\"sum\",\"sampling\":{\"value\":1,\"unit\":\"seconds\"}},"
      + "{\"name\":\"rate\"}"))).isEqualTo("[[2000,-0.002]]");
  }
}

package io.raftmetrics.gateway.kairos;

import io.raftmetrics.api.kairos.KairosMetricQuery;
import io.raftmetrics.testkit.Fixtures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every recorded query request of the KairosDB fixtures through the parser: the ones KairosDB refused with 400 are
 * refused with its exact messages, the ones it ran are accepted, and the ones it failed with 500 are a 400 here
 * (docs/compatibility.md).
 */
class KairosQueryParserFixturesTest {

  /** KairosDB answered 500; we answer 400 with these messages. */
  private static final Map<String, String> INTENDED_400 = Map.of(
    "061-query-empty-body", "query json must not be null or empty",
    "062-query-top-level-array", "Not a JSON Object: [{\"start_absolute\":1640303999000,\"end_absolute\":1640304010000}]",
    "075-query-zero-sampling-value", "query.metric[0].aggregators[0].sampling.value may not be zero",
    "077-query-percentile-above-one", "query.metric[0].aggregators[0].percentile 1.5 is not in [0..1]",
    "081-query-sma-size-zero", "query.metric[0].aggregators[0].size must be greater than or equal to 1",
    "098-query-limit-negative", "query.metric[0].limit must be greater than or equal to 0",
    "099-query-limit-string", "query.metric[0].limit must be an integer, got \"ten\"");

  private final KairosQueryParser parser = new KairosQueryParser();

  private static boolean isQueryPath(String path) {
    return path.startsWith("/api/v1/datapoints/query") || path.startsWith("/api/v1/datapoints/delete");
  }

  private static String json(Fixtures.Case c) {
    if (c.method().equals("GET")) {
      int q = c.path().indexOf("query=");
      return q < 0 ? null : URLDecoder.decode(c.path().substring(q + 6), StandardCharsets.UTF_8);
    }
    return Fixtures.requestBody(c);
  }

  @Test
  void badInputQueriesAreAnsweredWithKairosDbMessages() {
    int checked = 0;
    for (Fixtures.Case c : Fixtures.cases("bad-input")) {
      if (!isQueryPath(c.path())) {
        continue;
      }
      String json = json(c);
      if (INTENDED_400.containsKey(c.name())) {
        QueryError e = catchThrowableOfType(QueryError.class, () -> parser.parse(json, 0));
        assertThat(e).as(c.name()).isNotNull();
        assertThat(e.messages()).as(c.name()).containsExactly(INTENDED_400.get(c.name()));
      } else if (c.status() == 400) {
        QueryError e = catchThrowableOfType(QueryError.class, () -> parser.parse(json, 0));
        assertThat(e).as(c.name()).isNotNull();
        List<String> expected = new ArrayList<>();
        new JsonObject(c.responseBody()).getJsonArray("errors").forEach(m -> expected.add((String) m));
        assertThat(e.messages()).as(c.name()).isEqualTo(expected);
      } else if (c.status() == 200 || c.status() == 204) {
        assertThat(c.name()).as(c.name()).satisfies(n -> parser.parse(json, 0));
      } else {
        // the 500s of stored NaN/Infinity doubles (055, 056): we never store those, the query itself is valid
        assertThat(c.name()).startsWith("05");
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(45);
  }

  @Test
  void recordedQueriesParse() throws Exception {
    int parsed = 0;
    for (Fixtures.Case c : Fixtures.cases("queries")) {
      if (!isQueryPath(c.path())) {
        continue;
      }
      List<KairosMetricQuery> metrics = parser.parse(json(c), 0);
      assertThat(metrics).as(c.name()).isNotEmpty();
      parsed++;
    }
    assertThat(parsed).isGreaterThan(40);
  }

  @Test
  void normalisedFormsCarryEveryParameter() throws Exception {
    List<KairosMetricQuery> q = parser.parse("{\"start_absolute\":1000,\"time_zone\":\"Asia/Tokyo\",\"metrics\":[{"
      + "\"name\":\"m\",\"tags\":{\"h\":[\"b\",\"a\",\"a\"]},\"group_by\":[{\"name\":\"time\",\"range_size\":"
      + "{\"value\":1,\"unit\":\"minutes\"},\"group_count\":2},{\"name\":\"bin\",\"bins\":[1,2]}],"
      + "\"aggregators\":[{\"name\":\"avg\",\"sampling\":{\"value\":\"5\",\"unit\":\"MINUTES\"}},"
      + "{\"name\":\"rate\",\"unit\":\"seconds\"},{\"name\":\"score\",\"thresholds\":[{\"value\":5},"
      + "{\"value\":1,\"boundary\":\"inferior\"}]}],\"order\":\"DESC\",\"limit\":3}]}", 0);
    KairosMetricQuery m = q.get(0);
    assertThat(m.tags()).containsExactly(Map.entry("h", List.of("a", "b")));
    assertThat(m.startMs()).isEqualTo(1000);
    assertThat(m.endMs()).isEqualTo(Long.MAX_VALUE);
    assertThat(m.timeZone()).isEqualTo("Asia/Tokyo");
    assertThat(m.descending()).isTrue();
    assertThat(m.limit()).isEqualTo(3);
    assertThat(m.groupBy().get(0)).isEqualTo(new JsonObject().put("name", "time").put("range_size",
      new JsonObject().put("value", 1L).put("unit", "MINUTES")).put("group_count", 2).put("start_date", 1000L));
    assertThat(m.groupBy().get(1).getJsonArray("bins")).isEqualTo(new JsonArray().add(1.0).add(2.0));
    assertThat(m.aggregators().get(0)).isEqualTo(new JsonObject().put("name", "avg")
      .put("sampling", new JsonObject().put("value", 5L).put("unit", "MINUTES")).put("align_sampling", true)
      .put("align_start_time", false).put("align_end_time", false).put("trim", false).put("start_time", 1000L)
      .put("end_time", Long.MAX_VALUE).put("time_zone", "Asia/Tokyo"));
    assertThat(m.aggregators().get(1)).isEqualTo(new JsonObject().put("name", "rate")
      .put("sampling", new JsonObject().put("value", 1L).put("unit", "SECONDS")).put("time_zone", "Asia/Tokyo"));
    assertThat(m.aggregators().get(2).getJsonArray("thresholds")).isEqualTo(new JsonArray()
      .add(new JsonObject().put("value", 1.0).put("boundary", "inferior"))
      .add(new JsonObject().put("value", 5.0).put("boundary", "superior")));
  }
}

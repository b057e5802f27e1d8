package io.raftmetrics.gateway.kairos;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Inputs the recordings do not cover: where KairosDB fails with 500 we answer 400 with a message naming the field
 * (docs/compatibility.md, Queries), and the rules read from KairosDB's code (relative and negative end times).
 */
class KairosQueryParserTest {

  private final KairosQueryParser parser = new KairosQueryParser();

  private List<String> errors(String json) {
    QueryError e = catchThrowableOfType(QueryError.class, () -> parser.parse(json, 1_700_000_000_000L));
    assertThat(e).as(json).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    return e.messages();
  }

  private static String metric(String body) {
    return "{\"start_absolute\":1,\"metrics\":[{\"name\":\"m\"" + body + "}]}";
  }

  @Test
  void shapesKairosDbDoesNotCatchAre400s() {
    assertThat(errors("{\"start_absolute\":1,\"metrics\":{}}")).containsExactly("query.metric[] must be an array");
    assertThat(errors("{\"start_absolute\":1,\"metrics\":null}"))
      .containsExactly("query.metric[] must have a size of at least 1");
    assertThat(errors("{\"start_absolute\":1,\"metrics\":[{\"name\":{}}]}"))
      .containsExactly("query.metric[0].name must be a string");
    assertThat(errors("{\"start_absolute\":1,\"metrics\":[{\"name\":null}]}"))
      .containsExactly("query.metric[0].name may not be null");
    assertThat(errors(metric(",\"group_by\":{}"))).containsExactly("query.metric[0].group_by must be an array");
    assertThat(errors(metric(",\"aggregators\":[5]"))).containsExactly("query.metric[0].aggregators[0] must be an object");
    assertThat(errors(metric(",\"tags\":{\"h\":{}}"))).containsExactly("query.metric[0].tags[0].h value must be a string");
    assertThat(errors(metric(",\"tags\":{\"h\":\"regex:(\"}")))
      .containsExactly("query.metric[0].tags[0].h value is not a valid regular expression: Unclosed group");
    assertThat(errors(metric(",\"aggregators\":[{\"name\":\"save_as\"}]")))
      .containsExactly("query.metric[0].aggregators[0].metric_name may not be null");
    assertThat(errors(metric(",\"aggregators\":[{\"name\":\"save_as\",\"metric_name\":\"x\",\"tags\":{\"a\":1}}]")))
      .containsExactly("query.metric[0].aggregators[0].tags must map tag names to non-empty strings");
    assertThat(errors(metric(",\"aggregators\":[{\"name\":\"score\",\"thresholds\":[{\"value\":1,\"boundary\":\"UP\"}]}]")))
      .containsExactly("query.metric[0].aggregators[0].thresholds[0].boundary must be 'superior' or 'inferior'");
    assertThat(errors(metric(",\"group_by\":[{\"name\":\"bin\"}]")))
      .containsExactly("query.metric[0].group_by[0].bins may not be null");
    assertThat(errors(metric(",\"group_by\":[{\"name\":\"time\",\"range_size\":{\"value\":0,\"unit\":\"hours\"},"
      + "\"group_count\":2}]"))).containsExactly("query.metric[0].group_by[0].range_size.value may not be zero");
    assertThat(errors(metric(",\"group_by\":[{\"name\":\"time\"}]"))).containsExactly(
      "query.metric[0].group_by[0].rangeSize may not be null",
      "query.metric[0].group_by[0].groupCount must be greater than or equal to 1");
  }

  @Test
  void kairosDbsOwnMessagesForPropertiesAndPlugins() {
    assertThat(errors(metric(",\"aggregators\":[{\"name\":\"sum\",\"class\":1}]"))).containsExactly("Property 'class' "
      + "was specified for object 'sum' but no matching setter was found on 'org.kairosdb.core.aggregator.SumAggregator'");
    assertThat(errors(metric(",\"aggregators\":[{\"name\":\"sum\",\"align_sampling\":null}]"))).containsExactly(
      "Call to org.kairosdb.core.aggregator.SumAggregator:setAlignSampling failed with message: null");
    assertThat(errors(metric(",\"aggregators\":[{\"name\":\"div\",\"divisor\":\"abc\"}]")))
      .containsExactly("query.metric[0].aggregators[0].divisor For input string: \"abc\"");
    assertThat(errors(metric(",\"aggregators\":[{\"name\":\"rate\",\"time_zone\":\"Mars\"}]")).get(0))
      .startsWith("query.metric[0].aggregators[0].Mars is not a valid time zone, must be one of [Africa/Abidjan,");
    assertThat(errors(metric(",\"plugins\":[{\"name\":\"p\"}]")))
      .containsExactly("query.metric[0].plugins[0].p invalid query plugin name");
    assertThat(errors("{\"start_absolute\":1,\"cache_time\":-1,\"start_relative\":{\"value\":-1},\"metrics\":[]}"))
      .containsExactly("cache_time must be greater than or equal to 0",
        "start_relative.value must be greater than or equal to 0", "start_relative.unit may not be null");
  }

  @Test
  void timesFollowKairosDbsRules() throws Exception {
    long now = 1_700_000_000_000L;
    var q = parser.parse("{\"start_relative\":{\"value\":1,\"unit\":\"months\"},\"end_absolute\":-5,"
      + "\"metrics\":[{\"name\":\"m\"}]}", now).get(0);
    assertThat(q.startMs()).isEqualTo(java.time.Instant.ofEpochMilli(now).atZone(java.time.ZoneOffset.UTC)
      .minusMonths(1).toInstant().toEpochMilli());
    assertThat(q.endMs()).isEqualTo(Long.MAX_VALUE);
    var h = parser.parse("{\"start_relative\":{\"value\":\"2\",\"unit\":\"HOURS\"},\"end_relative\":{\"value\":1,"
      + "\"unit\":\"minutes\"},\"time_zone\":\"\",\"metrics\":[{\"name\":\"m\"}]}", now).get(0);
    assertThat(h.startMs()).isEqualTo(now - 7_200_000L);
    assertThat(h.endMs()).isEqualTo(now - 60_000L);
    assertThat(h.timeZone()).isEqualTo("UTC");
    assertThat(parser.parse("{\"start_absolute\":1,\"time_zone\":\"EST\",\"metrics\":[{\"name\":\"m\"}]}", now).get(0)
      .timeZone()).isEqualTo("-05:00");
  }
}

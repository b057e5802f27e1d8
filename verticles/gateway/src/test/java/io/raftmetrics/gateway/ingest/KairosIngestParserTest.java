package io.raftmetrics.gateway.ingest;

import io.raftmetrics.api.Sharding;
import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.api.ingest.IngestBatch;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behaviour beyond the recorded fixtures: KairosDB's rules in corners the recordings do not reach, the intended
 * differences, the limits, and how points are split into per-shard batches.
 */
class KairosIngestParserTest {

  private static final String EOF = "Invalid json. No content due to end of input.";
  private static final String TAGS = "\"tags\":{\"h\":\"a\"}";

  private final KairosIngestParser parser = new KairosIngestParser(IngestLimits.DEFAULTS);

  private KairosIngestResult parse(String body) {
    return parser.parse(body.getBytes(StandardCharsets.UTF_8), 1, UUID::randomUUID, 42L);
  }

  private static List<DecodedPoint> points(KairosIngestResult r) {
    return DecodedPoint.decode(r.batches()).stream().map(DecodedPoint::content).collect(Collectors.toList());
  }

  private static DecodedPoint point(String metric, DataType type, long ts, Object value) {
    return DecodedPoint.of(metric, Map.of("h", "a"), type, ts, value);
  }

  @Test
  void endOfInputInTheTopLevelArrayIsReportedTwiceAndKeepsEarlierMetrics() {
    assertThat(parse("[").errors()).containsExactly(EOF, EOF);
    KairosIngestResult r = parse("[{\"name\":\"m\"," + TAGS + ",\"datapoints\":[[1,1]]},");
    assertThat(r.errors()).containsExactly(EOF, EOF);
    assertThat(points(r)).containsExactly(point("m", DataType.LONG, 1, 1L));
    assertThat(parse("").errors()).containsExactly(EOF);
  }

  @Test
  void validationErrorsAreKeptBeforeAnEndOfInput() {
    assertThat(parse("[{\"name\":\"\"," + TAGS + "},").errors())
      .containsExactly("metric[0].name may not be empty.", EOF, EOF);
  }

  @Test
  void aSyntaxErrorIsTheOnlyMessageButEarlierMetricsAreKept() {
    String body = "[{\"name\":\"\"," + TAGS + "},{\"name\":\"ok\"," + TAGS
      + ",\"datapoints\":[[1,2]]},{\"name\":\"late\"," + TAGS + ",\"datapoints\":[[1,2]] \"x\"}]";
    KairosIngestResult r = parse(body);
    assertThat(r.errors()).containsExactly(GsonReference.syntaxError(body));
    assertThat(r.errors().get(0))
      .startsWith("com.google.gson.stream.MalformedJsonException: Unterminated object at line 1 column ")
      .endsWith(" path $[2].datapoints");
    assertThat(r.status()).isEqualTo(KairosIngestResult.Status.INVALID);
    assertThat(points(r)).containsExactly(point("ok", DataType.LONG, 1, 2L));
  }

  @Test
  void errorsOfTheOuterStrictReaderCarryNoExceptionName() {
    String body = "[{\"name\":\"m\"," + TAGS + "} {}]";
    assertThat(parse(body).errors()).containsExactly(GsonReference.syntaxError(body));
    assertThat(parse(body).errors().get(0)).startsWith("Unterminated array at line 1 column ");
    assertThat(parse("abc").errors())
      .containsExactly("Use JsonReader.setLenient(true) to accept malformed JSON at line 1 column 1 path $");
  }

  @Test
  void insideAMetricTheReaderIsLenientAsGsonFromJson() {
    KairosIngestResult r = parse("[{name:'m',tags:{h:a};datapoints:[[1,NaN],[2,0012]]}]");
    assertThat(r.errors()).isEmpty();
    assertThat(points(r)).containsExactly(point("m", DataType.STRING, 1, "NaN"), point("m", DataType.LONG, 2, 12L));
  }

  @Test
  void contentAfterTheTopLevelValueIsIgnored() {
    KairosIngestResult r = parse("{\"name\":\"m\"," + TAGS + ",\"timestamp\":5,\"value\":1} ]] garbage");
    assertThat(r.status()).isEqualTo(KairosIngestResult.Status.ACCEPTED);
    assertThat(points(r)).containsExactly(point("m", DataType.LONG, 5, 1L));
  }

  @Test
  void readsFieldsAsGsonBindsThem() {
    KairosIngestResult r = parse("{\"name\":\"x\",\"name\":\"m\"," + TAGS + ",\"timestamp\":1,\"time\":2,"
      + "\"value\":true,\"unknown\":{\"deep\":[1,{\"a\":null}]},\"ttl\":null,\"skip_validate\":\"false\"}");
    assertThat(r.errors()).isEmpty();
    assertThat(points(r)).containsExactly(point("m", DataType.STRING, 2, "true"));
    assertThat(parse("{\"name\":\"m\",\"tags\":{\"h\":\"a\",\"h\":\"b\"}}").errors())
      .containsExactly("duplicate key: h");
    assertThat(parse("{\"name\":{}}").errors())
      .containsExactly("java.lang.IllegalStateException: Expected a string but was BEGIN_OBJECT at line 1 column 10 "
        + "path $.name");
  }

  @Test
  void tagsMayBeGivenAsPairs() {
    KairosIngestResult r = parse("{\"name\":\"m\",\"tags\":[[\"h\",\"a\"]],\"datapoints\":[[1,1]]}");
    assertThat(points(r)).containsExactly(point("m", DataType.LONG, 1, 1L));
  }

  @Test
  void convertsValuesAsKairosDbDoes() {
    KairosIngestResult r = parse("{\"name\":\"m\"," + TAGS + ",\"datapoints\":[[1,1e3],[2,1e-3],[3,\"+5\"],"
      + "[4,\"-.5\"],[5,9223372036854775808],[6,1.9,\"long\"],[\"7\",7],[8.9,8],[[9],9],[10,\"2.5\",\"double\"],"
      + "[11,12,\"string\"],[12,[13],\"long\"],[13,1e99999,\"long\"]]}");
    assertThat(r.errors()).isEmpty();
    // one block per type (the first point's type first), each in point order
    assertThat(points(r)).containsExactly(
      point("m", DataType.LONG, 1, 1000L), point("m", DataType.LONG, 2, 0L), point("m", DataType.LONG, 3, 5L),
      point("m", DataType.LONG, 5, Long.MIN_VALUE),
      point("m", DataType.LONG, 6, 1L), point("m", DataType.LONG, 7, 7L), point("m", DataType.LONG, 8, 8L),
      point("m", DataType.LONG, 9, 9L), point("m", DataType.LONG, 12, 13L), point("m", DataType.LONG, 13, 0L),
      point("m", DataType.DOUBLE, 4, -0.5), point("m", DataType.DOUBLE, 10, 2.5),
      point("m", DataType.STRING, 11, "12"));
  }

  @Test
  void numbersAPointByThePointsWrittenBeforeIt() {
    KairosIngestResult r = parse("{\"name\":\"m\"," + TAGS + ",\"datapoints\":[[1,1],[],[2],[3,null],[4,4],"
      + "[5,\"\"],[6,[]],[7,{}],[8,\"x\",\"complex\"],[9,9,\"\"]]}");
    assertThat(r.errors()).containsExactly(
      "metric[0](name=m).datapoints[1].timestamp cannot be null or empty.",
      "metric[0](name=m).datapoints[1].value cannot be null or empty.",
      "metric[0](name=m).datapoints[1].value may not be empty.",
      "metric[0](name=m).datapoints[2].value may not be empty.",
      "metric[0](name=m).datapoints[2].value may not be an empty array.",
      "metric[0](name=m) value is an invalid type",
      "Unregistered data point type 'complex'",
      "Unregistered data point type ''");
    assertThat(points(r)).containsExactly(point("m", DataType.LONG, 1, 1L), point("m", DataType.LONG, 4, 4L));
  }

  @Test
  void singleFormRules() {
    assertThat(parse("{\"name\":\"m\"," + TAGS + ",\"timestamp\":1,\"value\":\"\"}").errors())
      .containsExactly("metric[0](name=m).value may not be empty.");
    assertThat(parse("{\"name\":\"m\"," + TAGS + ",\"timestamp\":1,\"value\":[]}").errors())
      .containsExactly("metric[0](name=m).value may not be an empty array.");
    assertThat(parse("{\"name\":\"m\"," + TAGS + ",\"value\":null,\"datapoints\":[[1,1]]}").errors()).isEmpty();
    KairosIngestResult typed = parse("{\"name\":\"m\"," + TAGS
      + ",\"timestamp\":1,\"value\":\"\",\"type\":\"string\"}");
    assertThat(typed.errors()).isEmpty();
    assertThat(points(typed)).containsExactly(point("m", DataType.STRING, 1, ""));
    assertThat(parse("{\"name\":\"m\"," + TAGS + ",\"timestamp\":1,\"value\":{},\"type\":\"long\"}").errors())
      .containsExactly("metric[0](name=m).value cannot be converted to long.");
  }

  @Test
  void skipValidateSkipsNameAndTagChecksOnly() {
    KairosIngestResult r = parse("{\"name\":\"m\",\"skip_validate\":true,\"tags\":{\"\":\"\"},\"timestamp\":5,"
      + "\"value\":null,\"type\":\"double\",\"datapoints\":[[1,1],[null,2],[3,null]]}");
    // Without tags validation the context never names the metric, as in KairosDB.
    assertThat(r.errors()).containsExactly("metric[0].datapoints[1].timestamp may not be null.",
      "metric[0].datapoints[1].value may not be empty.");
    assertThat(points(r)).containsExactly(
      DecodedPoint.of("m", Map.of("", ""), DataType.DOUBLE, 5, 0.0),
      DecodedPoint.of("m", Map.of("", ""), DataType.DOUBLE, 1, 1.0));
    assertThat(parse("{\"skip_validate\":true,\"datapoints\":[[1,1]]}").errors())
      .containsExactly("metric[0].name may not be null.");
    assertThat(parse("{\"name\":\"m\",\"skip_validate\":true,\"tags\":{\"k\":null}}").errors())
      .containsExactly("metric[0].tag[k].value may not be null.");
  }

  @Test
  void refusesWhatKairosDbFailsOnWithA500() {
    KairosIngestResult r = parse("[null,{\"name\":\"m\"," + TAGS + ",\"datapoints\":[null,[1,2,null],[2,3,{}],"
      + "[3,\"abc\",\"long\"],[4,{},\"string\"],[true,1],[{},1],[[],1],[\"1.5\",1],[5,[1,2]],[6,true,\"double\"],"
      + "[7,\"NaN\",\"double\"],[8,\"-Infinity\",\"double\"],[9,1.5e400],[10,null,\"string\"],[11,1]]}]");
    assertThat(r.errors()).containsExactly(
      "metric[0] may not be null.",
      "metric[1](name=m).datapoints[0] may not be null.",
      "metric[1](name=m).datapoints[0].type must be a string.",
      "metric[1](name=m).datapoints[0].type must be a string.",
      "metric[1](name=m).datapoints[0].value cannot be converted to long.",
      "metric[1](name=m).datapoints[0].value cannot be converted to string.",
      "metric[1](name=m).datapoints[0].timestamp must be an integer number of milliseconds.",
      "metric[1](name=m).datapoints[0].timestamp must be an integer number of milliseconds.",
      "metric[1](name=m).datapoints[0].timestamp must be an integer number of milliseconds.",
      "metric[1](name=m).datapoints[0].timestamp must be an integer number of milliseconds.",
      "metric[1](name=m) value is an invalid type",
      "metric[1](name=m).datapoints[0].value cannot be converted to double.",
      "metric[1](name=m).datapoints[0].value may not be NaN or Infinity.",
      "metric[1](name=m).datapoints[0].value may not be NaN or Infinity.",
      "metric[1](name=m).datapoints[0].value may not be NaN or Infinity.",
      "metric[1](name=m).datapoints[0].value may not be null.");
    assertThat(points(r)).containsExactly(point("m", DataType.LONG, 11, 1L));
    assertThat(r.rejectedPoints()).isEqualTo(15);
  }

  @Test
  void refusesATtlCassandraCannotStore() {
    assertThat(parse("{\"name\":\"m\"," + TAGS + ",\"ttl\":628905601,\"datapoints\":[[1,1]]}").errors())
      .containsExactly("metric[0](name=m).ttl must be less than or equal to 628905600.");
    KairosIngestResult r = parse("{\"name\":\"m\"," + TAGS + ",\"ttl\":628905600,\"datapoints\":[[1,1]]}");
    assertThat(DecodedPoint.decode(r.batches())).extracting(DecodedPoint::ttl).containsExactly(628905600);
  }

  @Test
  void limitsNamesTagsAndPoints() {
    IngestLimits limits = new IngestLimits(5, 2, 8, 10, 64);
    KairosIngestParser small = new KairosIngestParser(limits);
    Supplier<UUID> ids = UUID::randomUUID;
    KairosIngestResult r = small.parse(("[{\"name\":\"123456789\",\"tags\":{\"h\":\"a\"}},"
      + "{\"name\":\"m\",\"tags\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}},"
      + "{\"name\":\"m\",\"tags\":{\"123456789\":\"1\",\"k\":\"123456789\"}},"
      + "{\"name\":\"12345678\",\"tags\":{\"12345678\":\"12345678\"},\"datapoints\":[[1,1]]}]")
      .getBytes(StandardCharsets.UTF_8), 1, ids, 0L);
    assertThat(r.errors()).containsExactly(
      "metric[0].name may not be longer than 8 characters.",
      "metric[1](name=m).tags count may not be greater than 2.",
      "metric[2](name=m).tag[0].name may not be longer than 8 characters.",
      "metric[2](name=m).tag[k].value may not be longer than 8 characters.");
    assertThat(r.acceptedPoints()).isEqualTo(1);

    KairosIngestResult tooMany = small.parse(("[{\"name\":\"m\"," + TAGS + ",\"datapoints\":[[1,1],[2,2],[3,3]]},"
      + "{\"name\":\"m\"," + TAGS + ",\"timestamp\":1,\"value\":1,\"datapoints\":[[1,1],[2,2]]}]")
      .getBytes(StandardCharsets.UTF_8), 1, ids, 0L);
    assertThat(tooMany.status()).isEqualTo(KairosIngestResult.Status.TOO_LARGE);
    assertThat(tooMany.status().httpStatus()).isEqualTo(413);
    assertThat(tooMany.errors()).containsExactly("Too many data points in one request: more than 5");
    assertThat(tooMany.batches()).isEmpty();
  }

  @Test
  void refusesDeepNestingBeforeReading() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    KairosIngestResult r = parse("[{\"name\":\"m\"," + TAGS + ",\"datapoints\":[[1,1]],\"x\":" + deep + "}]");
    assertThat(r.errors()).containsExactly(
      "Invalid json. Arrays and objects may not be nested deeper than 64 levels.");
    assertThat(r.batches()).isEmpty();
    // Brackets inside strings and comments are not nesting.
    String quoted = "\"" + "[".repeat(100) + "\"";
    assertThat(parse("{\"name\":\"m\"," + TAGS + ",\"x\":" + quoted + " /* [[[[ */,\"datapoints\":[[1,1]]}").errors())
      .isEmpty();
  }

  @Test
  void splitsPointsIntoOneBatchPerShard() {
    int shards = 4;
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 40; i++) {
      body.append(i == 0 ? "" : ",").append("{\"name\":\"metric.").append(i).append("\",").append(TAGS)
        .append(",\"datapoints\":[[1,").append(i).append("],[2,").append(i).append(".5]]}");
    }
    List<UUID> ids = new ArrayList<>();
    KairosIngestResult r = parser.parse(body.append(']').toString().getBytes(StandardCharsets.UTF_8), shards,
      () -> {
        UUID id = UUID.randomUUID();
        ids.add(id);
        return id;
      }, 1234L);
    assertThat(r.acceptedPoints()).isEqualTo(80);
    assertThat(r.batches()).hasSize(shards);
    assertThat(r.batches()).extracting(IngestBatch::batchId).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(r.batches()).extracting(IngestBatch::createdAtMs).containsOnly(1234L);
    assertThat(r.batches()).extracting(IngestBatch::shard).containsExactly(0, 1, 2, 3);
    for (DecodedPoint p : DecodedPoint.decode(r.batches())) {
      assertThat(p.shard()).isEqualTo(Sharding.shardOf(p.metric(), shards));
    }
    assertThat(r.batches().stream().mapToInt(IngestBatch::pointCount).sum()).isEqualTo(80);
  }

  @Test
  void consecutiveObjectsOfOneSeriesShareABlock() {
    KairosIngestResult r = parse("[{\"name\":\"m\"," + TAGS + ",\"timestamp\":1,\"value\":1},"
      + "{\"name\":\"m\"," + TAGS + ",\"timestamp\":2,\"value\":2},{\"name\":\"m\"," + TAGS + ",\"timestamp\":3,"
      + "\"value\":3.5},{\"name\":\"m\",\"tags\":{\"h\":\"b\"},\"timestamp\":4,\"value\":4}]");
    assertThat(r.batches()).hasSize(1);
    // Longs of h=a, the double of h=a, then h=b: three blocks.
    assertThat(r.batches().get(0).seriesCount()).isEqualTo(3);
    assertThat(r.acceptedPoints()).isEqualTo(4);
  }

  @Test
  void oneParserServesConcurrentCallers() throws Exception {
    byte[] body = KairosIngestBenchmark.body(20, 50).getBytes(StandardCharsets.UTF_8);
    List<DecodedPoint> expected = DecodedPoint.decode(parser.parse(body, 3, UUID::randomUUID, 0L).batches());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<DecodedPoint>>> runs = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        runs.add(pool.submit(() -> DecodedPoint.decode(parser.parse(body, 3, UUID::randomUUID, 0L).batches())));
      }
      for (Future<List<DecodedPoint>> run : runs) {
        assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(expected).hasSize(1000);
  }

  @Test
  void anEmptyArrayIsAccepted() {
    KairosIngestResult r = parse("[]");
    assertThat(r.status()).isEqualTo(KairosIngestResult.Status.ACCEPTED);
    assertThat(r.batches()).isEmpty();
  }
}

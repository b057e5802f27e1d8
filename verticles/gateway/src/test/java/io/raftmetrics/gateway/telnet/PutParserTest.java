package io.raftmetrics.gateway.telnet;

import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.gateway.http.IngestSubmitter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The series cache never changes an outcome: every line parses to the same point (or the same refusal) through a
 * parser whose cache has seen similar lines as through a fresh one.
 */
class PutParserTest {

  private static final String[] METRICS = {"m", "m2", "\"m x\"", "\"\"", "\"m"};
  private static final String[] TAGS = {"a=b", "a=c", "b=a", "a=b=c", "a=", "=b", "x", "\"a=b c\"", "\"a=b", "c\"",
    "kairos_opt.ttl=5", "kairos_opt.ttl=x", "a==b", "\"\"", "\t", "  "};

  private static String randomLine(Random r) {
    StringBuilder line = new StringBuilder("putm ").append(METRICS[r.nextInt(METRICS.length)]).append(' ')
      .append(r.nextInt(3)).append(' ').append(r.nextBoolean() ? "1" : "2.5");
    int tags = r.nextInt(4);
    for (int i = 0; i < tags; i++) {
      line.append(r.nextBoolean() ? " " : "  ").append(TAGS[r.nextInt(TAGS.length)]);
    }
    if (r.nextInt(5) == 0) {
      line.append(' ');
    }
    return line.toString();
  }

  /** A parser with its pending points, as the batcher holds them: cleared after each encoding. */
  private static final class Parser {
    final SeriesCache cache;
    final PutParser parser;
    final PendingPoints pending = new PendingPoints();

    Parser(int cacheSize, int maxTags, int maxName) {
      cache = new SeriesCache(cacheSize);
      parser = new PutParser(cache, 1, maxTags, maxName);
    }

    /** Parses one line and returns the point as text, or the refusal. */
    String parse(String text) {
      byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
      Words w = new Words();
      w.split(b, 0, b.length, 4);
      String error = parser.parse(w, PutParser.Command.PUTM, pending);
      if (error != null) {
        return "refused: " + error;
      }
      List<IngestBatch> batches = new BatchEncoder(1, 1 << 20, IngestSubmitter.batchIds(null)).encode(pending, 0);
      pending.clear();
      assertThat(batches).hasSize(1);
      return TelnetHarness.decode(batches.get(0)).toString();
    }
  }

  @Test
  void cachedAndFreshParsesAgree() {
    Random r = new Random(11);
    Parser cached = new Parser(1000, 64, 1024);
    for (int i = 0; i < 50_000; i++) {
      String line = randomLine(r);
      String fresh = new Parser(1000, 64, 1024).parse(line);
      assertThat(cached.parse(line)).as(line).isEqualTo(fresh);
    }
  }

  @Test
  void aFullCacheIsEmptiedAndKeepsWorking() {
    Parser p = new Parser(10, 64, 1024);
    for (int i = 0; i < 25; i++) {
      assertThat(p.parse("putm m" + i + " 1 1 h=a")).contains("metric=m" + i + ",");
      assertThat(p.cache.size()).isLessThanOrEqualTo(10);
    }
  }

  @Test
  void limitsOfTheGatewayApply() {
    Parser p = new Parser(10, 2, 8);
    assertThat(p.parse("putm m 1 1 a=1 b=2 c=3")).isEqualTo("refused: tags count may not be greater than 2.");
    assertThat(p.parse("putm metric-too-long 1 1 a=1"))
      .isEqualTo("refused: metricName may not be longer than 8 characters.");
    assertThat(p.parse("putm m 1 1 a=123456789"))
      .startsWith("refused: tag[0] name and value may not be longer than 8");
    assertThat(p.parse("putm m 1 1 a=1 kairos_opt.ttl=630720000"))
      .startsWith("refused: kairos_opt.ttl must be less than or equal to");
  }
}

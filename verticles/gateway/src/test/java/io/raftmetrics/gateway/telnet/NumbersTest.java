package io.raftmetrics.gateway.telnet;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** KairosDB's telnet number rules: its own long parser, and Java's double parser behind a fast path. */
class NumbersTest {

  private final Numbers n = new Numbers();

  private boolean parseLong(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return n.parseLong(b, 0, b.length);
  }

  private boolean parseDouble(String s) {
    byte[] b = ("x" + s + "y").getBytes(StandardCharsets.ISO_8859_1);
    return n.parseDouble(b, 1, b.length - 1);
  }

  @Test
  void longsAreAnOptionalMinusThenDigitsOverTheWholeRange() {
    assertThat(parseLong("0")).isTrue();
    assertThat(n.longValue()).isZero();
    assertThat(parseLong("-0")).isTrue();
    assertThat(n.longValue()).isZero();
    assertThat(parseLong("007")).isTrue();
    assertThat(n.longValue()).isEqualTo(7);
    assertThat(parseLong("9223372036854775807")).isTrue();
    assertThat(n.longValue()).isEqualTo(Long.MAX_VALUE);
    assertThat(parseLong("-9223372036854775808")).isTrue();
    assertThat(n.longValue()).isEqualTo(Long.MIN_VALUE);
    assertThat(parseLong("1640390400000")).isTrue();
    assertThat(n.longValue()).isEqualTo(1640390400000L);
  }

  @Test
  void longsRefuseWhatKairosDbsParserRefuses() {
    for (String bad : new String[] {"", "-", "+5", "1e3", "12a", " 1", "1 ", "9223372036854775808",
      "-9223372036854775809", "99999999999999999999", "abc", "0x10", "\u00b2"}) {
      assertThat(parseLong(bad)).as(bad).isFalse();
      assertThat(n.error()).as(bad).isNotBlank();
    }
  }

  @Test
  void doublesAreWhatJavaParses() {
    String[] ok = {"43.5", "-7.25", "0.0", "-0.0", "5.", ".5", "+1.5", "1.5e3", "1.0E-300", "1.5d", "2.5F",
      "0x1.8p1", " 1.5 ", "123456789012345.6", "0.30000000000000004", "1.7976931348623157E308",
      "4.9E-324", "1.0e999", "12345678901234567890.5"};
    for (String s : ok) {
      assertThat(parseDouble(s)).as(s).isTrue();
      assertThat(Double.doubleToRawLongBits(n.doubleValue())).as(s)
        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
    }
    for (String bad : new String[] {".", "-.", "1.2.3", "a.b", "1.5x", "--1.0", ""}) {
      assertThat(parseDouble(bad)).as(bad).isFalse();
    }
  }

  @Test
  void theFastPathRoundsExactlyAsJavaDoes() {
    Random r = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      int intDigits = r.nextInt(10);
      int fracDigits = r.nextInt(12);
      StringBuilder s = new StringBuilder(r.nextBoolean() ? "-" : "");
      for (int d = 0; d < intDigits; d++) {
        s.append((char) ('0' + r.nextInt(10)));
      }
      s.append('.');
      for (int d = 0; d < fracDigits; d++) {
        s.append((char) ('0' + r.nextInt(10)));
      }
      String text = s.toString();
      boolean javaOk;
      double expected = 0;
      try {
        expected = Double.parseDouble(text);
        javaOk = true;
      } catch (NumberFormatException e) {
        javaOk = false;
      }
      assertThat(parseDouble(text)).as(text).isEqualTo(javaOk);
      if (javaOk) {
        assertThat(Double.doubleToRawLongBits(n.doubleValue())).as(text)
          .isEqualTo(Double.doubleToRawLongBits(expected));
      }
    }
  }
}

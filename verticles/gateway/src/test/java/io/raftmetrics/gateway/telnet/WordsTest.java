package io.raftmetrics.gateway.telnet;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** KairosDB's word splitting: separators are bytes up to the space, and its quoting rules, corner by corner. */
class WordsTest {

  private static List<String> split(String line) {
    byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
    // Offsets inside a larger array, as lines arrive inside a network chunk.
    byte[] chunk = new byte[b.length + 6];
    System.arraycopy(b, 0, chunk, 3, b.length);
    Words w = new Words();
    w.split(chunk, 3, 3 + b.length);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < w.count(); i++) {
      out.add(w.text(i));
    }
    return out;
  }

  @Test
  void separatorsAreEveryByteUpToSpaceAndRunsMakeNoEmptyWords() {
    assertThat(split("putm  m\t1\u000b2 \u0000 a=b ")).containsExactly("putm", "m", "1", "2", "a=b");
    assertThat(split("")).isEmpty();
    assertThat(split(" \t ")).isEmpty();
    // Bytes above the space, including Latin-1 ones such as NBSP (0xA0), are part of words.
    assertThat(split("a\u00a0b \u00e9")).containsExactly("a\u00a0b", "\u00e9");
  }

  @Test
  void aQuoteThatStartsAWordKeepsSeparatorsUntilAQuoteFollowedByOne() {
    assertThat(split("puts m 1 \"hello world\" host=a")).containsExactly("puts", "m", "1", "hello world", "host=a");
    assertThat(split("\"a b\"")).containsExactly("a b");
    assertThat(split("x \"tab\there\"\tz")).containsExactly("x", "tab\there", "z");
    // A quote inside a quoted word that is not followed by a separator is kept.
    assertThat(split("x \"a\"b c\" d")).containsExactly("x", "a\"b c", "d");
  }

  @Test
  void quotesOutsideTheStartOfAWordAreOrdinaryBytes() {
    assertThat(split("a\"b c\"")).containsExactly("a\"b", "c\"");
    assertThat(split("host=\"a b\"")).containsExactly("host=\"a", "b\"");
  }

  @Test
  void anUnterminatedQuoteRunsToTheEndOfTheLine() {
    assertThat(split("puts m 1 \"abc host=a")).containsExactly("puts", "m", "1", "abc host=a");
    assertThat(split("x \"abc ")).containsExactly("x", "abc ");
  }

  @Test
  void emptyQuotesBeforeASeparatorAreAnEmptyWordButNotAtTheEnd() {
    assertThat(split("x \"\" y")).containsExactly("x", "", "y");
    // KairosDB: a quoted word that ends the line loses its closing quote; "" alone at the end leaves nothing.
    assertThat(split("x \"\"")).containsExactly("x", "");
    assertThat(split("x \"")).containsExactly("x");
    // A quote followed by a separator opens and at once closes a quoted word, which gives nothing.
    assertThat(split("x \" y")).containsExactly("x", "y");
  }

  @Test
  void isAndContainsCompareBytes() {
    Words w = new Words();
    byte[] b = "putm m 1.5".getBytes(StandardCharsets.US_ASCII);
    w.split(b, 0, b.length);
    assertThat(w.is(0, "putm".getBytes(StandardCharsets.US_ASCII))).isTrue();
    assertThat(w.is(0, "put".getBytes(StandardCharsets.US_ASCII))).isFalse();
    assertThat(w.contains(2, (byte) '.')).isTrue();
    assertThat(w.contains(1, (byte) '.')).isFalse();
  }

  @Test
  void splittingInTwoStepsGivesTheSameWordsAndTheRestSplitsAloneAlike() {
    Random r = new Random(7);
    byte[] alphabet = "ab=\" \t\"=x".getBytes(StandardCharsets.ISO_8859_1);
    for (int n = 0; n < 100_000; n++) {
      byte[] line = new byte[r.nextInt(24)];
      for (int i = 0; i < line.length; i++) {
        line[i] = alphabet[r.nextInt(alphabet.length)];
      }
      Words whole = new Words();
      whole.split(line, 0, line.length);
      Words parts = new Words();
      parts.split(line, 0, line.length, 4);
      int rest = parts.restStart();
      assertThat(parts.count()).isLessThanOrEqualTo(4);
      parts.splitRest();
      assertThat(words(parts)).as(new String(line, StandardCharsets.ISO_8859_1)).isEqualTo(words(whole));
      if (whole.count() > 4) {
        // The rest, split on its own, gives the words after the fourth.
        Words tail = new Words();
        tail.split(line, rest, line.length);
        assertThat(words(tail)).isEqualTo(words(whole).subList(4, whole.count()));
      }
    }
  }

  private static List<String> words(Words w) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < w.count(); i++) {
      out.add(w.text(i));
    }
    return out;
  }

  @Test
  void manyWordsGrowTheArrays() {
    StringBuilder line = new StringBuilder("putm m 1 1");
    for (int i = 0; i < 300; i++) {
      line.append(" t").append(i).append("=v");
    }
    assertThat(split(line.toString())).hasSize(304).endsWith("t299=v");
  }
}

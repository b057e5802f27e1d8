package io.raftmetrics.gateway.telnet;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Line framing as KairosDB's Netty frame decoder does it, whatever the chunking: every split of the same bytes into
 * chunks gives the same lines.
 */
class LineFramerTest {

  /** Feeds the text in chunks of {@code size} bytes. */
  private static List<String> frame(int maxLine, String text, int size) {
    byte[] all = text.getBytes(StandardCharsets.ISO_8859_1);
    LineFramer f = new LineFramer(maxLine);
    LineCollector c = new LineCollector();
    for (int pos = 0; pos < all.length; pos += size) {
      int end = Math.min(all.length, pos + size);
      byte[] chunk = new byte[end - pos + 2];
      System.arraycopy(all, pos, chunk, 1, end - pos);
      assertThat(f.feed(chunk, 1, 1 + end - pos, c)).isEqualTo(1 + end - pos);
    }
    return c.lines;
  }

  private static List<String> everyChunking(int maxLine, String text) {
    List<String> whole = frame(maxLine, text, Math.max(1, text.length()));
    for (int size = 1; size <= text.length(); size++) {
      assertThat(frame(maxLine, text, size)).as("chunks of " + size).isEqualTo(whole);
    }
    return whole;
  }

  @Test
  void linesEndAtNewlineOrCrLfWhichAreNotPartOfThem() {
    assertThat(everyChunking(16, "a\nbb\r\n\nc\r\r\nd\re\n"))
      .containsExactly("a", "bb", "", "c\r", "d\re");
  }

  @Test
  void bytesAfterTheLastNewlineWaitForTheirEnd() {
    LineFramer f = new LineFramer(16);
    LineCollector c = new LineCollector();
    byte[] b = "a\nbc".getBytes(StandardCharsets.US_ASCII);
    f.feed(b, 0, b.length, c);
    assertThat(c.lines).containsExactly("a");
    assertThat(f.hasPartialLine()).isTrue();
    byte[] rest = "d\n".getBytes(StandardCharsets.US_ASCII);
    f.feed(rest, 0, rest.length, c);
    assertThat(c.lines).containsExactly("a", "bcd");
    assertThat(f.hasPartialLine()).isFalse();
  }

  @Test
  void aLineOfExactlyTheLimitPassesAndOneMoreByteDropsItWhole() {
    String max = "x".repeat(10);
    assertThat(everyChunking(10, max + "\n" + max + "y\nok\n" + max + "\r\n"))
      .containsExactly(max, "<too long: 11>", "ok", max);
  }

  @Test
  void aVeryLongLineIsDroppedUpToItsEndAndTheNextLinesAreRead() {
    String longLine = "z".repeat(1000);
    assertThat(everyChunking(10, "a\n" + longLine + "\r\nb\n" + longLine + "\nc\n"))
      .containsExactly("a", "<too long: 1000>", "b", "<too long: 1000>", "c");
  }

  @Test
  void theSinkCanStopAfterALine() {
    LineFramer f = new LineFramer(16);
    List<String> seen = new ArrayList<>();
    LineFramer.Sink stopAfterFirst = new LineFramer.Sink() {
      @Override
      public boolean line(byte[] b, int from, int to) {
        seen.add(new String(b, from, to - from, StandardCharsets.US_ASCII));
        return false;
      }

      @Override
      public void tooLong(long length) {
      }
    };
    byte[] b = "auth x\nputm m 1 1\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(f.feed(b, 0, b.length, stopAfterFirst)).isEqualTo(7);
    assertThat(seen).containsExactly("auth x");
  }
}

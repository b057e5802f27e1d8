package io.raftmetrics.gateway.telnet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits one telnet line into words the way KairosDB 1.3's {@code WordSplitter} does, on the raw bytes (the line is
 * ISO-8859-1, so a byte is a character):
 * <ul>
 *   <li>any byte {@code <= 0x20} outside quotes separates words, and runs of them make no empty words;</li>
 *   <li>a {@code "} that starts a word opens a quoted word, in which separators are kept;</li>
 *   <li>a quoted word ends at a {@code "} followed by a separator (or by the end of the line); a {@code "} followed
 *       by anything else is part of the word, and an unterminated quote runs to the end of the line;</li>
 *   <li>{@code ""} followed by a separator is an empty word.</li>
 * </ul>
 * Words are kept as offsets into the caller's array: nothing is allocated per line once the arrays have grown.
 * Splitting can stop after the first words ({@link #split(byte[], int, int, int)}) and resume later
 * ({@link #splitRest()}): a put line's tags need not be split when its series is already known.
 */
final class Words {

  private int count;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private byte[] line;
  private int lineEnd;

  // Where splitting stopped, to resume it.
  private int pos;
  private int wordStart;
  private int prev;
  private boolean quoted;

  /** Splits all of {@code b[from, to)}; the array must stay unchanged while the words are read. */
  void split(byte[] b, int from, int to) {
    split(b, from, to, Integer.MAX_VALUE);
  }

  /**
   * Splits {@code b[from, to)} until {@code max} words are found. The bytes from {@link #restStart()} to the end
   * then hold the other words, and split into the same words whatever came before them.
   */
  void split(byte[] b, int from, int to, int max) {
    line = b;
    lineEnd = to;
    count = 0;
    pos = from;
    wordStart = from;
    prev = ' ';
    quoted = false;
    scan(max);
  }

  /** Splits what {@link #split(byte[], int, int, int)} left. */
  void splitRest() {
    scan(Integer.MAX_VALUE);
  }

  /**
   * @return where the unsplit rest of the line starts: a separator byte (or the end of the line), so the rest
   *         splits alike in any line
   */
  int restStart() {
    return pos;
  }

  int lineEnd() {
    return lineEnd;
  }

  private void scan(int max) {
    byte[] b = line;
    int to = lineEnd;
    int i = pos;
    while (i < to) {
      int c = b[i] & 0xff;
      boolean ended = false;
      if (!quoted && c <= ' ') {
        if (i > wordStart) {
          add(wordStart, i);
          ended = true;
        }
        wordStart = i + 1;
      } else if (!quoted && c == '"' && prev <= ' ') {
        quoted = true;
        wordStart = i + 1;
      } else if (quoted && c <= ' ' && prev == '"') {
        // KairosDB checks i > start, then drops the closing quote: "" before a separator is an empty word.
        if (i > wordStart) {
          add(wordStart, i - 1);
          ended = true;
        }
        quoted = false;
        wordStart = i + 1;
      }
      prev = c;
      if (ended && count >= max) {
        // Stop on the separator that ended the word: the rest begins in the unquoted state.
        pos = i;
        return;
      }
      i++;
    }
    pos = to;
    if (wordStart < to) {
      add(wordStart, quoted && prev == '"' ? to - 1 : to);
      wordStart = to;
    }
  }

  private void add(int start, int end) {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
    }
    starts[count] = start;
    ends[count] = end;
    count++;
  }

  int count() {
    return count;
  }

  int start(int i) {
    return starts[i];
  }

  int end(int i) {
    return ends[i];
  }

  int length(int i) {
    return ends[i] - starts[i];
  }

  byte[] line() {
    return line;
  }

  /** @return true if word {@code i} is exactly the ASCII text {@code s} */
  boolean is(int i, byte[] s) {
    int len = ends[i] - starts[i];
    return len == s.length && Arrays.equals(line, starts[i], ends[i], s, 0, len);
  }

  /** @return true if word {@code i} contains the byte {@code c} */
  boolean contains(int i, byte c) {
    for (int p = starts[i]; p < ends[i]; p++) {
      if (line[p] == c) {
        return true;
      }
    }
    return false;
  }

  /** @return word {@code i} decoded as ISO-8859-1, KairosDB's charset for telnet lines */
  String text(int i) {
    return new String(line, starts[i], ends[i] - starts[i], StandardCharsets.ISO_8859_1);
  }
}

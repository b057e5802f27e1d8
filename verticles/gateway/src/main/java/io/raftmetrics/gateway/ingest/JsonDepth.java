package io.raftmetrics.gateway.ingest;

/**
 * Measures how deeply a JSON body nests arrays and objects, without parsing it. Gson's reader grows its stack for
 * every level (and its tree adapter keeps an object per level), so a body of a few megabytes of {@code [} would cost
 * gigabytes; checking the depth first bounds that.
 *
 * <p>The scan follows the lexical rules of Gson's lenient reader, so that nothing the reader descends into is hidden
 * from it: double- and single-quoted strings with backslash escapes, {@code /* *}{@code /}, {@code //} and {@code #}
 * comments, and unquoted literals (inside which quotes are ordinary characters). It works on UTF-8 bytes: the ASCII
 * characters it looks at never occur inside a multi-byte sequence.
 */
final class JsonDepth {

  private static final byte LITERAL = 0;
  private static final byte OPEN = 1;
  private static final byte CLOSE = 2;
  private static final byte QUOTE = 3;
  private static final byte SLASH = 4;
  private static final byte HASH = 5;
  /** Whitespace and separators: they end a literal and are skipped. */
  private static final byte OTHER = 6;

  /** The class of each byte; every byte not listed is part of a literal, as in Gson's {@code isLiteral}. */
  private static final byte[] CLASS = new byte[256];

  static {
    for (char c : "{[".toCharArray()) {
      CLASS[c] = OPEN;
    }
    for (char c : "}]".toCharArray()) {
      CLASS[c] = CLOSE;
    }
    CLASS['"'] = QUOTE;
    CLASS['\''] = QUOTE;
    CLASS['/'] = SLASH;
    CLASS['#'] = HASH;
    for (char c : " \t\f\r\n,:;=\\".toCharArray()) {
      CLASS[c] = OTHER;
    }
  }

  private JsonDepth() {
  }

  /**
   * @param json UTF-8 bytes
   * @param max the deepest nesting allowed
   * @return true if no array or object is nested deeper than {@code max}
   */
  static boolean isWithin(byte[] json, int max) {
    int depth = 0;
    int i = 0;
    int n = json.length;
    while (i < n) {
      byte c = json[i];
      switch (CLASS[c & 0xFF]) {
        case OPEN:
          if (++depth > max) {
            return false;
          }
          i++;
          break;
        case CLOSE:
          if (depth > 0) {
            depth--;
          }
          i++;
          break;
        case QUOTE:
          i = skipQuoted(json, i + 1, c);
          break;
        case SLASH:
          i = skipSlash(json, i);
          break;
        case HASH:
          i = skipLine(json, i + 1);
          break;
        case OTHER:
          i++;
          break;
        default:
          i = skipLiteral(json, i + 1);
      }
    }
    return true;
  }

  /** An unquoted literal runs to the next separator; a quote inside it is an ordinary character. */
  private static int skipLiteral(byte[] json, int i) {
    while (i < json.length) {
      byte k = CLASS[json[i] & 0xFF];
      if (k != LITERAL && k != QUOTE) {
        return i;
      }
      i++;
    }
    return i;
  }

  private static int skipQuoted(byte[] json, int i, byte quote) {
    while (i < json.length) {
      byte c = json[i++];
      if (c == quote) {
        return i;
      }
      if (c == '\\') {
        i++;
      }
    }
    return i;
  }

  private static int skipSlash(byte[] json, int i) {
    if (i + 1 < json.length && json[i + 1] == '*') {
      for (int j = i + 2; j + 1 < json.length; j++) {
        if (json[j] == '*' && json[j + 1] == '/') {
          return j + 2;
        }
      }
      return json.length;
    }
    if (i + 1 < json.length && json[i + 1] == '/') {
      return skipLine(json, i + 2);
    }
    return i + 1;
  }

  private static int skipLine(byte[] json, int i) {
    while (i < json.length && json[i] != '\n' && json[i] != '\r') {
      i++;
    }
    return i;
  }
}

package io.raftmetrics.query.kairos;

/**
 * Writes JSON as KairosDB does (org.json's {@code JSONWriter}, json-20180130): doubles through {@code Double.toString}
 * with a trailing {@code .0} removed ({@code 1.0} → {@code 1}, {@code -0.0} → {@code -0}, {@code 1.0E10} as is),
 * longs as digits, and org.json's string escaping ({@code \/} after {@code <}, {@code \}{@code uXXXX} for control
 * characters and for U+0080–U+009F and U+2000–U+20FF).
 */
final class KairosJson {

  private final StringBuilder sb;

  KairosJson(int capacity) {
    sb = new StringBuilder(capacity);
  }

  KairosJson raw(String s) {
    sb.append(s);
    return this;
  }

  KairosJson raw(char c) {
    sb.append(c);
    return this;
  }

  KairosJson string(String s) {
    quote(s, sb);
    return this;
  }

  KairosJson number(long v) {
    sb.append(v);
    return this;
  }

  /** @throws NotANumberException for NaN and infinities, which JSON cannot carry */
  KairosJson number(double v) {
    sb.append(format(v));
    return this;
  }

  @Override
  public String toString() {
    return sb.toString();
  }

  /** org.json's {@code numberToString} for a double. */
  static String format(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new NotANumberException(v);
    }
    String s = Double.toString(v);
    if (s.indexOf('.') > 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0) {
      int end = s.length();
      while (s.charAt(end - 1) == '0') {
        end--;
      }
      if (s.charAt(end - 1) == '.') {
        end--;
      }
      s = s.substring(0, end);
    }
    return s;
  }

  /** org.json's {@code JSONObject.quote}. */
  static void quote(String s, StringBuilder w) {
    w.append('"');
    char b;
    char c = 0;
    for (int i = 0; i < s.length(); i++) {
      b = c;
      c = s.charAt(i);
      switch (c) {
        case '\\', '"' -> w.append('\\').append(c);
        case '/' -> {
          if (b == '<') {
            w.append('\\');
          }
          w.append(c);
        }
        case '\b' -> w.append("\\b");
        case '\t' -> w.append("\\t");
        case '\n' -> w.append("\\n");
        case '\f' -> w.append("\\f");
        case '\r' -> w.append("\\r");
        default -> {
          if (c < ' ' || (c >= '\u0080' && c < '\u00a0') || (c >= '\u2000' && c < '\u2100')) {
            String hex = Integer.toHexString(c);
            w.append("\\u");
            for (int k = hex.length(); k < 4; k++) {
              w.append('0');
            }
            w.append(hex);
          } else {
            w.append(c);
          }
        }
      }
    }
    w.append('"');
  }

  /** A value JSON cannot represent; KairosDB fails the query with 500, we with 400. */
  static final class NotANumberException extends RuntimeException {
    final double value;

    NotANumberException(double value) {
      super("NaN or Infinity: " + value, null, false, false);
      this.value = value;
    }
  }
}

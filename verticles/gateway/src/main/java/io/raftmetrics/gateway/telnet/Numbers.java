package io.raftmetrics.gateway.telnet;

import java.nio.charset.StandardCharsets;

/**
 * Number parsing of telnet words, with KairosDB 1.3's rules and without allocating in the common cases. A failed
 * parse leaves a message in {@link #error()} instead of throwing, since bad lines are ordinary input here.
 * <ul>
 *   <li>Timestamps and values without a {@code .} follow KairosDB's {@code Util.parseLong}: an optional leading
 *       {@code -}, then decimal digits only (no {@code +}, no exponent, no spaces), anywhere in the {@code long}
 *       range. So {@code 1e3} is refused on telnet, where the JSON API stores it as 1000.</li>
 *   <li>Values with a {@code .} follow {@code Double.parseDouble} (sign, exponent, {@code d}/{@code f} suffix, hex
 *       floats, surrounding whitespace of a quoted word). Plain decimals up to 15 digits are converted directly,
 *       which is exact: both the digits and the power of ten are exact doubles, and one IEEE division rounds
 *       correctly. Anything else goes through {@code Double.parseDouble}.</li>
 * </ul>
 */
final class Numbers {

  /** Exact powers of ten as doubles (10^22 is the largest exactly representable). */
  private static final double[] POW10 = new double[23];
  private static final long MAX_EXACT_MANTISSA = 1L << 53;

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  private long longValue;
  private double doubleValue;
  private String error;

  long longValue() {
    return longValue;
  }

  double doubleValue() {
    return doubleValue;
  }

  /** @return why the last parse failed */
  String error() {
    return error;
  }

  /** Parses {@code b[from, to)} with KairosDB's long rule; false (see {@link #error()}) if it is not one. */
  boolean parseLong(byte[] b, int from, int to) {
    if (from == to) {
      return fail("empty number");
    }
    boolean negative = b[from] == '-';
    int i = negative ? from + 1 : from;
    if (i == to) {
      return fail("missing digits: " + text(b, from, to));
    }
    if (to - i <= 18) {
      // 18 digits cannot overflow: no range checks.
      long v = 0;
      for (; i < to; i++) {
        int d = b[i] - '0';
        if (d < 0 || d > 9) {
          return fail("malformed number: " + text(b, from, to));
        }
        v = v * 10 + d;
      }
      longValue = negative ? -v : v;
      return true;
    }
    // Accumulate negatively, as Long.parseLong does, so Long.MIN_VALUE is reachable.
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long multLimit = limit / 10;
    long acc = 0;
    for (; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return fail("malformed number: " + text(b, from, to));
      }
      if (acc < multLimit) {
        return fail("number out of range: " + text(b, from, to));
      }
      acc *= 10;
      if (acc < limit + d) {
        return fail("number out of range: " + text(b, from, to));
      }
      acc -= d;
    }
    longValue = negative ? acc : -acc;
    return true;
  }

  /** Parses {@code b[from, to)} as {@code Double.parseDouble} would; false (see {@link #error()}) if it fails. */
  boolean parseDouble(byte[] b, int from, int to) {
    if (fastDouble(b, from, to)) {
      return true;
    }
    String s = text(b, from, to);
    try {
      doubleValue = Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return fail("malformed number: " + s);
    }
  }

  /** {@code [+-]digits.digits} with at most 15 digits in all (at least one), or false to take the slow path. */
  private boolean fastDouble(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int fraction = -1;
    for (; i < to; i++) {
      int c = b[i];
      if (c == '.') {
        if (fraction >= 0) {
          return false;
        }
        fraction = 0;
        continue;
      }
      int d = c - '0';
      if (d < 0 || d > 9 || ++digits > 15) {
        return false;
      }
      mantissa = mantissa * 10 + d;
      if (fraction >= 0) {
        fraction++;
      }
    }
    if (digits == 0 || fraction < 0 || mantissa > MAX_EXACT_MANTISSA) {
      return false;
    }
    double v = mantissa / POW10[fraction];
    doubleValue = negative ? -v : v;
    return true;
  }

  private boolean fail(String message) {
    error = message;
    return false;
  }

  private static String text(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }
}

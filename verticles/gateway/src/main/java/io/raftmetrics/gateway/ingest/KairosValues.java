package io.raftmetrics.gateway.ingest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import io.raftmetrics.api.ingest.DataType;

import java.math.BigDecimal;

/**
 * The value semantics KairosDB gets from Gson's {@code JsonElement} tree, reproduced on values that are mostly kept as
 * a kind and the token's text (no tree per point). A value is a pair: one of the {@code KIND_*} constants and a
 * reference (the text of a string or number, a {@code Boolean}, or a Gson tree for arrays and objects).
 *
 * <p>Conversions report a failure (false or null) where Gson would throw: KairosDB answers those cases with a 500,
 * we answer with a validation error.
 */
final class KairosValues {

  static final byte KIND_NULL = 0;
  static final byte KIND_STRING = 1;
  static final byte KIND_NUMBER = 2;
  static final byte KIND_BOOLEAN = 3;
  /** An array or object, kept as the Gson tree Gson's own adapter read. */
  static final byte KIND_TREE = 4;

  private KairosValues() {
  }

  /** @return the kind of a Gson tree value */
  static byte kindOf(JsonElement e) {
    if (e.isJsonNull()) {
      return KIND_NULL;
    }
    if (e.isJsonPrimitive()) {
      JsonPrimitive p = e.getAsJsonPrimitive();
      return p.isNumber() ? KIND_NUMBER : p.isBoolean() ? KIND_BOOLEAN : KIND_STRING;
    }
    return KIND_TREE;
  }

  /** @return the reference matching {@link #kindOf(JsonElement)} */
  static Object refOf(JsonElement e) {
    switch (kindOf(e)) {
      case KIND_NULL:
        return null;
      case KIND_BOOLEAN:
        return e.getAsBoolean();
      case KIND_TREE:
        return e;
      default:
        return e.getAsString();
    }
  }

  /**
   * Gson's {@code getAs*} on an array delegates to its only element; this walks down such arrays without recursion
   * (a value may nest thousands of them).
   *
   * @return the innermost element, which is not a one-element array
   */
  static JsonElement unwrap(JsonElement e) {
    while (e.isJsonArray()) {
      JsonArray a = e.getAsJsonArray();
      if (a.size() != 1) {
        return a;
      }
      e = a.get(0);
    }
    return e;
  }

  /** @return true for a Gson tree that is an empty array */
  static boolean isEmptyArray(byte kind, Object ref) {
    return kind == KIND_TREE && ((JsonElement) ref).isJsonArray() && ((JsonElement) ref).getAsJsonArray().isEmpty();
  }

  /** @return true for a Gson tree that is an object */
  static boolean isObject(byte kind, Object ref) {
    return kind == KIND_TREE && ((JsonElement) ref).isJsonObject();
  }

  /**
   * {@code JsonElement.getAsString()}.
   *
   * @return the text, or null where Gson throws (null, object, array not of one element)
   */
  static String asString(byte kind, Object ref) {
    switch (kind) {
      case KIND_STRING:
      case KIND_NUMBER:
        return (String) ref;
      case KIND_BOOLEAN:
        return ref.toString();
      case KIND_TREE:
        JsonElement e = unwrap((JsonElement) ref);
        return e.isJsonPrimitive() ? e.getAsString() : null;
      default:
        return null;
    }
  }

  /**
   * KairosDB's type inference ({@code DataPointsParser.findType}) for a primitive: a number, or a string that
   * {@link #isNumber(String)}, is {@code long} if its text has no {@code .} and {@code double} otherwise; anything
   * else is {@code string}.
   *
   * @return the type, or null for a value that is not a primitive ("value is an invalid type")
   */
  static DataType inferType(byte kind, Object ref) {
    switch (kind) {
      case KIND_NUMBER:
        return ((String) ref).indexOf('.') < 0 ? DataType.LONG : DataType.DOUBLE;
      case KIND_STRING:
        String s = (String) ref;
        if (!isNumber(s)) {
          return DataType.STRING;
        }
        return s.indexOf('.') < 0 ? DataType.LONG : DataType.DOUBLE;
      case KIND_BOOLEAN:
        return DataType.STRING;
      default:
        return null;
    }
  }

  /**
   * KairosDB's {@code Util.isNumber}: an optional leading {@code +}, {@code -} or {@code .}, then digits and points,
   * rejecting a trailing point and, once a second point has been seen, any further character.
   */
  static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    int start = 0;
    char first = s.charAt(0);
    if (first == '+' || first == '-' || first == '.') {
      if (s.length() == 1) {
        return false;
      }
      start = 1;
    }
    int points = 0;
    for (int i = start; i < s.length(); i++) {
      if (points > 1) {
        return false;
      }
      char c = s.charAt(i);
      if (c == '.') {
        points++;
      } else if (!Character.isDigit(c)) {
        return false;
      }
    }
    return s.charAt(s.length() - 1) != '.';
  }

  /** Receives a converted number, so that converting a point allocates nothing. */
  static final class Slot {
    long longValue;
    double doubleValue;
  }

  /**
   * {@code JsonElement.getAsLong()}: a number's text through {@code Long.parseLong}, else {@code
   * BigDecimal.longValue()} (so {@code 1e3} is 1000, {@code 1.9} is 1, {@code 9223372036854775808} wraps to
   * {@code Long.MIN_VALUE}); a string through {@code Long.parseLong}.
   *
   * @param nullAsZero what KairosDB's numeric factories do with a JSON null
   * @return false where Gson throws
   */
  static boolean toLong(byte kind, Object ref, boolean nullAsZero, Slot out) {
    switch (kind) {
      case KIND_NUMBER:
        return numberToLong((String) ref, out);
      case KIND_STRING:
        return parseLong((String) ref, out);
      case KIND_NULL:
        out.longValue = 0;
        return nullAsZero;
      case KIND_TREE:
        JsonElement e = unwrap((JsonElement) ref);
        if (!e.isJsonPrimitive() || e.getAsJsonPrimitive().isBoolean()) {
          return false;
        }
        return e.getAsJsonPrimitive().isNumber() ? numberToLong(e.getAsString(), out) : parseLong(e.getAsString(), out);
      default:
        return false;
    }
  }

  /**
   * {@code JsonElement.getAsDouble()}: {@code Double.parseDouble} of the text, which also accepts {@code NaN} and
   * {@code Infinity}; the caller decides about those.
   *
   * @return false where Gson throws
   */
  static boolean toDouble(byte kind, Object ref, boolean nullAsZero, Slot out) {
    switch (kind) {
      case KIND_NUMBER:
      case KIND_STRING:
        return parseDouble((String) ref, out);
      case KIND_NULL:
        out.doubleValue = 0.0;
        return nullAsZero;
      case KIND_TREE:
        JsonElement e = unwrap((JsonElement) ref);
        if (!e.isJsonPrimitive() || e.getAsJsonPrimitive().isBoolean()) {
          return false;
        }
        return parseDouble(e.getAsString(), out);
      default:
        return false;
    }
  }

  /** {@code LazilyParsedNumber.longValue()}, without the cost {@code BigDecimal} has for huge exponents. */
  static boolean numberToLong(String text, Slot out) {
    if (isPlainInteger(text)) {
      try {
        out.longValue = Long.parseLong(text);
        return true;
      } catch (NumberFormatException e) {
        // beyond the long range: BigDecimal keeps the low 64 bits, as Gson does
      }
    }
    BigDecimal d;
    try {
      d = new BigDecimal(text);
    } catch (NumberFormatException e) {
      return false;
    }
    out.longValue = truncatedLong(d);
    return true;
  }

  /**
   * {@code BigDecimal.longValue()} (the low 64 bits of the integer part), answering 0 directly where the JDK would
   * build a power of ten with up to two billion digits: a multiple of {@code 10^64} is a multiple of {@code 2^64}, and
   * a magnitude below 1 truncates to 0.
   */
  static long truncatedLong(BigDecimal d) {
    int scale = d.scale();
    if (d.signum() == 0 || scale <= -64 || (scale > 0 && d.precision() <= scale)) {
      return 0;
    }
    return d.longValue();
  }

  private static boolean isPlainInteger(String s) {
    int n = s.length();
    if (n == 0 || n > 20) {
      return false;
    }
    for (int i = s.charAt(0) == '-' ? 1 : 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean parseLong(String s, Slot out) {
    try {
      out.longValue = Long.parseLong(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean parseDouble(String s, Slot out) {
    try {
      out.doubleValue = Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}

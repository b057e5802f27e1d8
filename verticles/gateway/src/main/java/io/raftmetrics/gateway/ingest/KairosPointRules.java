package io.raftmetrics.gateway.ingest;

import io.raftmetrics.api.ingest.DataType;

import java.util.List;

/**
 * KairosDB's checks of a value and of a {@code datapoints} entry, with its messages. A check answers null when the
 * value passes, else the message; messages are built only then, so passing points cost no string work.
 */
final class KairosPointRules {

  /** Stands for the single form ({@code timestamp} and {@code value}) where a point number is expected. */
  static final int SINGLE = -1;

  private static final String STRING_TYPE = DataType.STRING.apiName();

  private KairosPointRules() {
  }

  /** KairosDB's checks of one {@code datapoints} entry, up to its type. */
  static String pointProblem(KairosMetric m, int i, String ctx, int point) {
    PointBuffer points = m.points;
    byte arity = points.arity(i);
    if (arity == PointBuffer.NULL_ENTRY) {
      return pointContext(ctx, point) + " may not be null.";
    }
    if (arity < 1) {
      return pointContext(ctx, point) + ".timestamp cannot be null or empty.";
    }
    if (arity < 2) {
      return pointContext(ctx, point) + ".value cannot be null or empty.";
    }
    byte ts = points.timestampState(i);
    if (ts == PointBuffer.TS_INVALID) {
      return pointContext(ctx, point) + ".timestamp must be an integer number of milliseconds.";
    }
    if (ts == PointBuffer.TS_NULL) {
      return pointContext(ctx, point) + ".timestamp may not be null.";
    }
    String declared = m.type;
    if (arity > 2) {
      declared = points.type(i);
      if (declared == null) {
        return pointContext(ctx, point) + ".type must be a string.";
      }
    }
    return emptiness(declared, points.valueKind(i), points.valueRef(i), ctx, point);
  }

  /**
   * {@code Validator.isNotNullOrEmpty(JsonElement)}: null, an empty array and an empty string are refused, except
   * that a declared {@code string} type accepts the empty string (and a null is refused when converting).
   *
   * @param point the entry's number in {@code datapoints}, or {@link #SINGLE} for the single form
   */
  static String emptiness(String declared, byte kind, Object ref, String ctx, int point) {
    boolean stringType = STRING_TYPE.equals(declared);
    if (kind == KairosValues.KIND_NULL) {
      return stringType ? null : valueContext(ctx, point) + " may not be empty.";
    }
    if (KairosValues.isEmptyArray(kind, ref)) {
      return valueContext(ctx, point) + " may not be an empty array.";
    }
    if (stringType || KairosValues.isObject(kind, ref)) {
      return null;
    }
    String text = KairosValues.asString(kind, ref);
    if (text == null) {
      return unreadable(declared, ctx, point);
    }
    return text.isEmpty() ? valueContext(ctx, point) + " may not be empty." : null;
  }

  /** The declared type if registered, else the inferred one; null (with a message) when neither works. */
  static DataType resolveType(String declared, byte kind, Object ref, String ctx, List<String> errors) {
    if (declared == null) {
      DataType inferred = KairosValues.inferType(kind, ref);
      if (inferred == null) {
        errors.add(invalidType(ctx));
      }
      return inferred;
    }
    DataType type = DataType.ofApiName(declared);
    if (type == null) {
      errors.add(unregistered(declared));
    }
    return type;
  }

  static String pointContext(String ctx, int point) {
    return ctx + ".datapoints[" + point + "]";
  }

  static String valueContext(String ctx, int point) {
    return point == SINGLE ? ctx + ".value" : pointContext(ctx, point) + ".value";
  }

  /** A value Gson cannot turn into a single primitive, said the way KairosDB would have if it had not thrown. */
  private static String unreadable(String declared, String ctx, int point) {
    if (declared == null) {
      return invalidType(ctx);
    }
    if (DataType.ofApiName(declared) == null) {
      return unregistered(declared);
    }
    return valueContext(ctx, point) + " cannot be converted to " + declared + ".";
  }

  /** KairosDB's message for an array or object value without a type: no point number, no dot. */
  private static String invalidType(String ctx) {
    return ctx + " value is an invalid type";
  }

  private static String unregistered(String type) {
    return "Unregistered data point type '" + type + "'";
  }
}

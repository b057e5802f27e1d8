package io.raftmetrics.query.kairos;

/**
 * {@code filter}: removes the points for which {@code value <op> threshold} holds; any type. Numbers compare as
 * doubles; a text value compares as text with the threshold's text, or as a number when both are numeric. A
 * threshold given as numeric text (the Java client sends {@code "50.0"}) is a number. Comparisons are Java's
 * {@code <=}, {@code ==}, ... on doubles, as in KairosDB.
 */
final class FilterAggregator implements KairosAggregator.AnyType {

  private final String op;
  private final Double number;
  private final String text;

  /**
   * @param op {@code lte}, {@code lt}, {@code gte}, {@code gt}, {@code equal} or {@code ne}
   * @param threshold a {@code Double} or a {@code String}
   */
  FilterAggregator(String op, Object threshold) {
    this.op = op;
    if (threshold instanceof Number n) {
      this.number = n.doubleValue();
      this.text = KairosJson.format(n.doubleValue());
    } else {
      this.text = String.valueOf(threshold);
      this.number = parse(text);
    }
  }

  @Override
  public Points apply(Points in, ResultGroup group) {
    Points out = new Points(in.size());
    for (int i = 0; i < in.size(); i++) {
      if (!matches(in, i)) {
        out.add(in, i);
      }
    }
    return out;
  }

  private boolean matches(Points in, int i) {
    byte kind = in.kind(i);
    if (kind == Points.NULL) {
      return false;
    }
    if (kind == Points.STRING) {
      Double value = number == null ? null : parse(in.string(i));
      if (value != null) {
        return numeric(value, number);
      }
      int c = in.string(i).compareTo(text);
      switch (op) {
        case "lte": return c <= 0;
        case "lt": return c < 0;
        case "gte": return c >= 0;
        case "gt": return c > 0;
        case "equal": return c == 0;
        default: return c != 0;
      }
    }
    if (number == null) {
      return op.equals("ne");
    }
    return numeric(in.doubleValue(i), number);
  }

  private boolean numeric(double a, double b) {
    switch (op) {
      case "lte": return a <= b;
      case "lt": return a < b;
      case "gte": return a >= b;
      case "gt": return a > b;
      case "equal": return a == b;
      default: return a != b;
    }
  }

  private static Double parse(String s) {
    try {
      double d = Double.parseDouble(s.trim());
      return Double.isNaN(d) ? null : d;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

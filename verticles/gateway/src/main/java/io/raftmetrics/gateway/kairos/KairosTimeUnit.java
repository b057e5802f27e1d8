package io.raftmetrics.gateway.kairos;

import java.util.Locale;
import java.util.StringJoiner;

/** KairosDB's time units, matched case-insensitively, printed in upper case in results and messages. */
enum KairosTimeUnit {
  MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS, WEEKS, MONTHS, YEARS;

  /** The list KairosDB prints in its error message: {@code MILLISECONDS,SECONDS,...}. */
  static final String NAMES;

  static {
    StringJoiner j = new StringJoiner(",");
    for (KairosTimeUnit u : values()) {
      j.add(u.name());
    }
    NAMES = j.toString();
  }

  /** @throws ContextualException naming the value when it is not a unit */
  static KairosTimeUnit parse(String text) {
    if (text != null) {
      for (KairosTimeUnit u : values()) {
        if (u.name().equalsIgnoreCase(text)) {
          return u;
        }
      }
    }
    throw new ContextualException(text, "is not a valid time unit, must be one of " + NAMES);
  }

  String lower() {
    return name().toLowerCase(Locale.ROOT);
  }
}

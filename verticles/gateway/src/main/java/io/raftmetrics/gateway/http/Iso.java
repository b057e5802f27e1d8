package io.raftmetrics.gateway.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Timestamps of the simple API: ISO-8601 or epoch milliseconds in requests, ISO-8601 UTC in responses. */
public final class Iso {

  private Iso() {
  }

  /** @return epoch ms, or null if the text is neither an ISO-8601 instant nor an integer */
  public static Long parse(String text) {
    String t = text.trim();
    if (t.matches("-?\\d{1,19}")) {
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try {
      return Instant.parse(t).toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(t).toInstant().toEpochMilli();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  public static String format(long epochMs) {
    return Instant.ofEpochMilli(epochMs).toString();
  }
}

package io.raftmetrics.gateway.kairos;

import com.google.gson.annotations.SerializedName;

import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

/**
 * The top-level fields of a query, bound with {@link KairosGson} in the shape KairosDB binds them (so a wrong type
 * fails with the same Gson text), and their bean constraints.
 */
final class QueryFields {

  @SerializedName("start_absolute")
  Long startAbsolute;

  @SerializedName("end_absolute")
  Long endAbsolute;

  @SerializedName("cache_time")
  int cacheTime;

  @SerializedName("start_relative")
  Duration startRelative;

  @SerializedName("end_relative")
  Duration endRelative;

  @SerializedName("time_zone")
  KairosGson.Zone timeZone;

  /** A {@code {"value":n,"unit":"..."}} object: relative times, {@code sampling}, time group-by range sizes. */
  static final class Duration {
    @SerializedName("value")
    long value;

    @SerializedName("unit")
    KairosTimeUnit unit;

    /** Bean constraints of a duration bound at {@code path}, as KairosDB words them. */
    void check(String path, List<String> messages) {
      if (value < 0) {
        messages.add(path + ".value " + Violations.atLeast(0));
      }
      if (unit == null) {
        messages.add(path + ".unit " + Violations.MAY_NOT_BE_NULL);
      }
    }
  }

  /** @return the violations of the bean constraints, empty when valid */
  List<String> violations() {
    List<String> out = new ArrayList<>();
    if (cacheTime < 0) {
      out.add("cache_time " + Violations.atLeast(0));
    }
    if (startRelative != null) {
      startRelative.check("start_relative", out);
    }
    if (endRelative != null) {
      endRelative.check("end_relative", out);
    }
    return out;
  }

  /** @return the start in epoch ms, or null when neither start is given */
  Long start(long now) {
    if (startAbsolute != null) {
      return startAbsolute;
    }
    return startRelative == null ? null : relativeTo(startRelative, now);
  }

  /** @return the end in epoch ms; a missing or negative end means no upper bound, as in KairosDB */
  long end(long now) {
    long end = -1;
    if (endAbsolute != null) {
      end = endAbsolute;
    } else if (endRelative != null) {
      end = relativeTo(endRelative, now);
    }
    return end > -1 ? end : Long.MAX_VALUE;
  }

  /**
   * {@code now} minus the duration, with a UTC Gregorian calendar for calendar units (months and years are
   * calendar months and years; the value is truncated to an int first, as KairosDB does).
   */
  static long relativeTo(Duration d, long now) {
    if (d.unit == KairosTimeUnit.MILLISECONDS) {
      return now - d.value;
    }
    int field;
    switch (d.unit) {
      case SECONDS: field = Calendar.SECOND; break;
      case MINUTES: field = Calendar.MINUTE; break;
      case HOURS: field = Calendar.HOUR; break;
      case DAYS: field = Calendar.DATE; break;
      case WEEKS: field = Calendar.WEEK_OF_MONTH; break;
      case MONTHS: field = Calendar.MONTH; break;
      default: field = Calendar.YEAR; break;
    }
    Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    calendar.setTimeInMillis(now);
    calendar.add(field, -(int) d.value);
    return calendar.getTimeInMillis();
  }
}

package io.raftmetrics.query.kairos;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The time arithmetic of KairosDB's range aggregators (Joda-Time fields of a Gregorian chronology in the query's
 * time zone), rebuilt on java.time: alignment of the start ({@code align_sampling}), the number of whole units
 * between two instants, adding units, and the length of a sampling period. Units up to hours are fixed lengths of
 * UTC time whatever the zone; days and weeks are counted in local time; months and years are calendar fields.
 */
final class RangeCalendar {

  enum Unit { MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS, WEEKS, MONTHS, YEARS }

  private static final long DAY = 86_400_000L;

  final Unit unit;
  private final ZoneId zone;
  private final boolean fixedOffset;

  RangeCalendar(String unit, String zone) {
    this.unit = Unit.valueOf(unit);
    this.zone = zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
    this.fixedOffset = this.zone.getRules().isFixedOffset();
  }

  /** Milliseconds of one unit for units of fixed length, 0 for months and years. */
  long unitMillis() {
    switch (unit) {
      case MILLISECONDS: return 1;
      case SECONDS: return 1000;
      case MINUTES: return 60_000;
      case HOURS: return 3_600_000;
      case DAYS: return DAY;
      case WEEKS: return 7 * DAY;
      default: return 0;
    }
  }

  /** True if every range has the same length in UTC ms: the ranges are {@code start + k * width}. */
  boolean fixedWidth() {
    return unit.ordinal() <= Unit.HOURS.ordinal() || ((unit == Unit.DAYS || unit == Unit.WEEKS) && fixedOffset);
  }

  /** KairosDB's {@code alignRangeBoundary}: midnight of the day for units up to days, and so on. */
  long align(long t) {
    LocalDateTime local = local(t);
    LocalDateTime aligned;
    switch (unit) {
      case YEARS -> aligned = local.toLocalDate().withDayOfYear(1).atStartOfDay();
      case MONTHS -> aligned = local.toLocalDate().withDayOfMonth(1).atStartOfDay();
      case WEEKS -> aligned = local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        .atStartOfDay();
      case DAYS, HOURS, MINUTES, SECONDS -> aligned = local.toLocalDate().atStartOfDay();
      default -> aligned = local.truncatedTo(ChronoUnit.SECONDS);
    }
    return instant(aligned);
  }

  /** Whole units from {@code start} to {@code t} (truncated toward zero), as Joda's field difference. */
  long difference(long t, long start) {
    switch (unit) {
      case MONTHS:
        return t < start ? -months(start, t) : months(t, start);
      case YEARS:
        return t < start ? -years(start, t) : years(t, start);
      case DAYS:
      case WEEKS:
        return (localMillis(t) - localMillis(start)) / unitMillis();
      default:
        return (t - start) / unitMillis();
    }
  }

  /** {@code start} plus {@code n} units. */
  long add(long start, long n) {
    switch (unit) {
      case MONTHS: return instant(local(start).plusMonths(n));
      case YEARS: return instant(local(start).plusYears(n));
      case DAYS: return instant(local(start).plusDays(n));
      case WEEKS: return instant(local(start).plusWeeks(n));
      default: return start + n * unitMillis();
    }
  }

  /** KairosDB's {@code Util.getSamplingDuration}: the length in ms of {@code value} units starting at {@code t}. */
  long duration(long t, long value) {
    if (unit == Unit.MILLISECONDS) {
      return value;
    }
    int v = (int) value;
    if (unit.ordinal() <= Unit.HOURS.ordinal()) {
      return v * unitMillis();
    }
    return add(t, v) - t;
  }

  private long months(long minuend, long subtrahend) {
    LocalDateTime m = local(minuend);
    LocalDateTime s = local(subtrahend);
    long diff = (m.getYear() - s.getYear()) * 12L + m.getMonthValue() - s.getMonthValue();
    if (m.getDayOfMonth() == m.toLocalDate().lengthOfMonth() && s.getDayOfMonth() > m.getDayOfMonth()) {
      s = s.withDayOfMonth(m.getDayOfMonth());
    }
    long mRem = millisInto(m, m.toLocalDate().withDayOfMonth(1).atStartOfDay());
    long sRem = millisInto(s, s.toLocalDate().withDayOfMonth(1).atStartOfDay());
    return mRem < sRem ? diff - 1 : diff;
  }

  private long years(long minuend, long subtrahend) {
    LocalDateTime m = local(minuend);
    LocalDateTime s = local(subtrahend);
    long mRem = millisInto(m, m.toLocalDate().withDayOfYear(1).atStartOfDay());
    long sRem = millisInto(s, s.toLocalDate().withDayOfYear(1).atStartOfDay());
    long feb29 = (31L + 29 - 1) * DAY;
    if (sRem >= feb29) {
      if (s.toLocalDate().isLeapYear()) {
        if (!m.toLocalDate().isLeapYear()) {
          sRem -= DAY;
        }
      } else if (mRem >= feb29 && m.toLocalDate().isLeapYear()) {
        mRem -= DAY;
      }
    }
    long diff = m.getYear() - s.getYear();
    return mRem < sRem ? diff - 1 : diff;
  }

  private static long millisInto(LocalDateTime t, LocalDateTime from) {
    return ChronoUnit.MILLIS.between(from, t);
  }

  private LocalDateTime local(long t) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(t), zone);
  }

  private long localMillis(long t) {
    return t + zone.getRules().getOffset(Instant.ofEpochMilli(t)).getTotalSeconds() * 1000L;
  }

  private long instant(LocalDateTime local) {
    return local.atZone(zone).toInstant().toEpochMilli();
  }
}

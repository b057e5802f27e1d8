package io.raftmetrics.query.kairos;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The Joda-Time field arithmetic of KairosDB's ranges, on cases where calendars and time zones matter. */
class RangeCalendarTest {

  private static long utc(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  private static long at(String local, String zone) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(local), ZoneId.of(zone)).toInstant().toEpochMilli();
  }

  @Test
  void alignmentTruncatesSubDayUnitsToMidnightAndMillisecondsToTheSecond() {
    long t = utc("2021-12-22T23:35:07.123Z");
    assertThat(new RangeCalendar("MINUTES", "UTC").align(t)).isEqualTo(utc("2021-12-22T00:00:00Z"));
    assertThat(new RangeCalendar("HOURS", "Asia/Tokyo").align(t)).isEqualTo(at("2021-12-23T00:00", "Asia/Tokyo"));
    assertThat(new RangeCalendar("WEEKS", "UTC").align(t)).isEqualTo(utc("2021-12-20T00:00:00Z"));
    assertThat(new RangeCalendar("MONTHS", "UTC").align(t)).isEqualTo(utc("2021-12-01T00:00:00Z"));
    assertThat(new RangeCalendar("YEARS", "UTC").align(t)).isEqualTo(utc("2021-01-01T00:00:00Z"));
    assertThat(new RangeCalendar("MILLISECONDS", "UTC").align(t)).isEqualTo(utc("2021-12-22T23:35:07Z"));
  }

  @Test
  void monthsAreCalendarMonthsWithJodasEndOfMonthRule() {
    RangeCalendar months = new RangeCalendar("MONTHS", "UTC");
    long jan31 = utc("2021-01-31T10:00:00Z");
    assertThat(months.difference(utc("2021-02-28T10:00:00Z"), jan31)).isEqualTo(1);
    assertThat(months.difference(utc("2021-02-28T09:59:59Z"), jan31)).isEqualTo(0);
    assertThat(months.difference(utc("2021-03-30T10:00:00Z"), jan31)).isEqualTo(1);
    assertThat(months.add(jan31, 1)).isEqualTo(utc("2021-02-28T10:00:00Z"));
    RangeCalendar years = new RangeCalendar("YEARS", "UTC");
    assertThat(years.difference(utc("2021-02-28T00:00:00Z"), utc("2020-02-29T00:00:00Z"))).isEqualTo(1);
    assertThat(years.add(utc("2020-02-29T00:00:00Z"), 1)).isEqualTo(utc("2021-02-28T00:00:00Z"));
  }

  @Test
  void daysAreLocalDaysAcrossDaylightSavingTime() {
    RangeCalendar days = new RangeCalendar("DAYS", "Europe/Paris");
    long start = at("2021-03-27T00:00", "Europe/Paris");
    // the 28th has 23 hours: the third day still starts at local midnight
    assertThat(days.add(start, 2)).isEqualTo(at("2021-03-29T00:00", "Europe/Paris"));
    assertThat(days.difference(at("2021-03-28T23:30", "Europe/Paris"), start)).isEqualTo(1);
    assertThat(days.fixedWidth()).isFalse();
    assertThat(new RangeCalendar("DAYS", "+05:30").fixedWidth()).isTrue();
    assertThat(new RangeCalendar("HOURS", "Europe/Paris").fixedWidth()).isTrue();
    assertThat(new RangeCalendar("HOURS", "Europe/Paris").duration(start, 3)).isEqualTo(3 * 3_600_000L);
    assertThat(days.duration(at("2021-03-28T00:00", "Europe/Paris"), 1)).isEqualTo(23 * 3_600_000L);
  }
}

package io.raftmetrics.gateway.kairos;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Time zone ids as KairosDB accepts them: the ids of its Joda-Time database (the list it prints when one is
 * invalid, kept in {@code joda-zone-ids.txt} as recorded), plus offsets such as {@code +05:30}; {@code ""} means
 * UTC. Each accepted id is resolved to the java.time zone with the same rules.
 */
final class TimeZones {

  /** Joda ids that java.time spells differently. */
  private static final Map<String, String> ALIASES = Map.of("EST", "-05:00", "HST", "-10:00", "MST", "-07:00",
    "ROC", "Asia/Taipei", "US/Pacific-New", "America/Los_Angeles");

  private static final Set<String> IDS = load();
  private static final String LIST = IDS.toString();

  private TimeZones() {
  }

  private static Set<String> load() {
    try (InputStream in = TimeZones.class.getResourceAsStream("joda-zone-ids.txt")) {
      if (in == null) {
        throw new IllegalStateException("joda-zone-ids.txt missing from the gateway jar");
      }
      List<String> ids = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          ids.add(line.trim());
        }
      }
      return new TreeSet<>(ids);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param id the query's {@code time_zone}
   * @return the java.time id to use, {@code "UTC"} for {@code ""}
   * @throws ContextualException with KairosDB's message when the id is unknown
   */
  static String resolve(String id) {
    if (id.isEmpty() || id.equals("UTC")) {
      return "UTC";
    }
    if (IDS.contains(id)) {
      return ALIASES.getOrDefault(id, id);
    }
    if (id.startsWith("+") || id.startsWith("-")) {
      try {
        ZoneOffset offset = ZoneOffset.of(id);
        return offset.getTotalSeconds() == 0 ? "UTC" : offset.getId();
      } catch (DateTimeException e) {
        // falls through to KairosDB's message
      }
    }
    throw new ContextualException(id, "is not a valid time zone, must be one of " + LIST);
  }

  /** @return the zone of an id returned by {@link #resolve} */
  static ZoneId zone(String resolved) {
    return resolved == null ? ZoneOffset.UTC : ZoneId.of(resolved);
  }
}

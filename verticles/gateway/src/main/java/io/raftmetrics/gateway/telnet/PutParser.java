package io.raftmetrics.gateway.telnet;

import io.raftmetrics.api.Sharding;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a {@code put}, {@code putm} or {@code puts} line into a pending point (its words split at least up to the
 * value: {@code Words.split(b, from, to, 4)}; the tags are split only for a series not yet cached),
 * with KairosDB 1.3's rules and in its order of checks:
 * <ol>
 *   <li>the timestamp (word 2): KairosDB's long rule; for {@code put}, a value below 3,000,000,000 is seconds;</li>
 *   <li>the metric (word 1) may not be empty (only {@code ""} makes it so);</li>
 *   <li>the value (word 3): for {@code puts} the word as it is; otherwise a double if it contains {@code .}, else a
 *       long;</li>
 *   <li>each later word is a tag {@code name=value}, split on {@code =} as {@code String.split} does (so
 *       {@code a=b=c} is {@code a=b}); {@code kairos_opt.ttl=<int>} sets the ttl and is not stored; a repeated
 *       tag name refuses the line; without any tag the point gets {@code add=tag}.</li>
 * </ol>
 * Beyond KairosDB, and as the HTTP ingest does: the gateway's tag-count and name-length limits, a ttl between 0
 * and {@link #MAX_TTL_SECONDS}, and finite doubles only (KairosDB stores NaN and infinities, then fails every query of
 * the metric). Any failure refuses the whole line.
 */
final class PutParser {

  /** Which command the line is. */
  enum Command { PUT, PUTM, PUTS }

  /** The HTTP ingest's bound (Cassandra refuses a ttl above 20 years once the row width is added). */
  static final int MAX_TTL_SECONDS = 630_720_000 - 1_814_400;
  static final String TTL_TAG = "kairos_opt.ttl";
  private static final long SECONDS_BELOW = 3_000_000_000L;

  private final SeriesCache cache;
  private final int shards;
  private final int maxTags;
  private final int maxNameLength;
  private final Numbers numbers = new Numbers();
  /** Why {@link #series} returned null. */
  private String error;

  PutParser(SeriesCache cache, int shards, int maxTags, int maxNameLength) {
    this.cache = cache;
    this.shards = shards;
    this.maxTags = maxTags;
    this.maxNameLength = maxNameLength;
  }

  /** @return null if the point was added to {@code out}, otherwise why the line was refused */
  String parse(Words w, Command command, PendingPoints out) {
    if (w.count() < 3) {
      return "missing timestamp (expected: " + w.text(0) + " <metric> <timestamp> <value> [<name>=<value> ...])";
    }
    if (!numbers.parseLong(w.line(), w.start(2), w.end(2))) {
      return "timestamp: " + numbers.error();
    }
    long ts = numbers.longValue();
    if (command == Command.PUT && ts < SECONDS_BELOW) {
      ts *= 1000;
    }
    if (w.length(1) == 0) {
      return "metricName may not be empty.";
    }
    if (w.count() < 4) {
      return "missing value";
    }
    byte[] line = w.line();
    int from = w.start(3);
    int to = w.end(3);
    Series s;
    if (command == Command.PUTS) {
      String value = w.text(3);
      if ((s = series(w)) == null) {
        return error;
      }
      out.addString(s, ts, value);
    } else if (w.contains(3, (byte) '.')) {
      if (!numbers.parseDouble(line, from, to)) {
        return "value: " + numbers.error();
      }
      double v = numbers.doubleValue();
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        return "value: must be a finite number: " + w.text(3);
      }
      if ((s = series(w)) == null) {
        return error;
      }
      out.addDouble(s, ts, v);
    } else {
      if (!numbers.parseLong(line, from, to)) {
        return "value: " + numbers.error();
      }
      long v = numbers.longValue();
      if ((s = series(w)) == null) {
        return error;
      }
      out.addLong(s, ts, v);
    }
    return null;
  }

  private Series series(Words w) {
    byte[] line = w.line();
    int m0 = w.start(1);
    int m1 = w.end(1);
    int r0 = w.restStart();
    int r1 = w.lineEnd();
    int hash = SeriesCache.hash(line, m0, m1, r0, r1);
    Series s = cache.find(line, m0, m1, r0, r1, hash);
    if (s == null) {
      w.splitRest();
      s = build(w, hash, SeriesCache.key(line, m0, m1, r0, r1));
      if (s != null) {
        cache.put(s);
      }
    }
    return s;
  }

  /** Reads the tags of a line whose words are all split. */
  private Series build(Words w, int hash, byte[] key) {
    String metric = w.text(1);
    if (metric.length() > maxNameLength) {
      return fail("metricName may not be longer than " + maxNameLength + " characters.");
    }
    SortedMap<String, String> tags = new TreeMap<>();
    int ttl = 0;
    int tagCount = 0;
    byte[] line = w.line();
    for (int i = 4; i < w.count(); i++) {
      int start = w.start(i);
      int end = w.end(i);
      int eq = indexOf(line, start, end, (byte) '=');
      // String.split drops trailing empty parts: "a=" and "a==" have one part, "=" none.
      if (eq < 0 || !hasOtherThan(line, eq + 1, end, (byte) '=')) {
        return fail("tag[" + tagCount + "] must be in the format 'name=value'.");
      }
      if (eq == start) {
        return fail("tag[" + tagCount + "].name may not be empty.");
      }
      int valueEnd = indexOf(line, eq + 1, end, (byte) '=');
      valueEnd = valueEnd < 0 ? end : valueEnd;
      if (valueEnd == eq + 1) {
        return fail("tag[" + tagCount + "].value may not be empty.");
      }
      String name = latin1(line, start, eq);
      String value = latin1(line, eq + 1, valueEnd);
      if (TTL_TAG.equals(name)) {
        try {
          ttl = Integer.parseInt(value);
        } catch (NumberFormatException e) {
          return fail("tag[kairos_opt.ttl] must be a number");
        }
        continue;
      }
      if (name.length() > maxNameLength || value.length() > maxNameLength) {
        return fail("tag[" + tagCount + "] name and value may not be longer than " + maxNameLength + " characters.");
      }
      String previous = tags.put(name, value);
      if (previous != null) {
        // KairosDB's ImmutableSortedMap builder refuses a repeated key.
        return fail("Multiple entries with same key: " + name + "=" + value + " and " + name + "=" + previous);
      }
      tagCount++;
    }
    if (tagCount == 0) {
      tags.put("add", "tag");
    }
    if (tags.size() > maxTags) {
      return fail("tags count may not be greater than " + maxTags + ".");
    }
    if (ttl < 0) {
      return fail("kairos_opt.ttl must be greater than or equal to 0.");
    }
    if (ttl > MAX_TTL_SECONDS) {
      return fail("kairos_opt.ttl must be less than or equal to " + MAX_TTL_SECONDS + ".");
    }
    return new Series(metric, tags, ttl, Sharding.shardOf(metric, shards), key, hash);
  }

  private Series fail(String message) {
    error = message;
    return null;
  }

  private static int indexOf(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean hasOtherThan(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (b[i] != c) {
        return true;
      }
    }
    return false;
  }

  private static String latin1(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }
}

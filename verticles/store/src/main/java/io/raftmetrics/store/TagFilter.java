package io.raftmetrics.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * KairosDB's tag filter: the values given for one tag are OR'ed, different tags are AND'ed, a series matches only if
 * it has every filtered tag, and a value starting with {@value #REGEX_PREFIX} is a Java regular expression that must
 * match the whole tag value. A tag given with no value matches nothing. Immutable and thread-safe.
 */
public final class TagFilter {

  /** KairosDB's default {@code kairosdb.queries.regex_prefix}. */
  public static final String REGEX_PREFIX = "regex:";

  private static final TagFilter ALL = new TagFilter(Map.of());

  private final Map<String, List<Predicate<String>>> byTag;

  private TagFilter(Map<String, List<Predicate<String>>> byTag) {
    this.byTag = byTag;
  }

  /**
   * @param tags tag name to accepted values
   * @return the filter
   * @throws IllegalArgumentException if a {@code regex:} value is not a valid pattern
   */
  public static TagFilter of(Map<String, ? extends Collection<String>> tags) {
    if (tags.isEmpty()) {
      return ALL;
    }
    Map<String, List<Predicate<String>>> byTag = new LinkedHashMap<>();
    tags.forEach((name, values) -> {
      List<Predicate<String>> accepted = new ArrayList<>(values.size());
      for (String v : values) {
        if (v.startsWith(REGEX_PREFIX)) {
          Pattern p = Pattern.compile(v.substring(REGEX_PREFIX.length()));
          accepted.add(s -> p.matcher(s).matches());
        } else {
          accepted.add(v::equals);
        }
      }
      byTag.put(name, Collections.unmodifiableList(accepted));
    });
    return new TagFilter(Collections.unmodifiableMap(byTag));
  }

  /** @return true if the filter accepts every series */
  public boolean isEmpty() {
    return byTag.isEmpty();
  }

  /** @return true if a series with these tags passes the filter */
  public boolean matches(Map<String, String> seriesTags) {
    for (Map.Entry<String, List<Predicate<String>>> e : byTag.entrySet()) {
      String value = seriesTags.get(e.getKey());
      if (value == null || e.getValue().stream().noneMatch(p -> p.test(value))) {
        return false;
      }
    }
    return true;
  }
}

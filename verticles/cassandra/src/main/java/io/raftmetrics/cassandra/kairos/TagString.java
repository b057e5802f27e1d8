package io.raftmetrics.cassandra.kairos;

import java.util.Map;
import java.util.TreeMap;

/**
 * The tag part of a KairosDB row key: {@code key=value:} for every tag in {@code String} order, where a {@code :} or
 * {@code =} inside a key is preceded by {@code :} and one inside a value by {@code =}. Nothing else is escaped.
 */
public final class TagString {

  private TagString() {
  }

  /**
   * @param keys tag keys in {@code String.compareTo} order
   * @param values values aligned with {@code keys}
   * @return the tag string, empty without tags
   */
  public static String format(String[] keys, String[] values) {
    StringBuilder sb = new StringBuilder(16 * keys.length);
    for (int i = 0; i < keys.length; i++) {
      escape(sb, keys[i], ':');
      sb.append('=');
      escape(sb, values[i], '=');
      sb.append(':');
    }
    return sb.toString();
  }

  /** @return the tags a tag string holds, in {@code String} order (the inverse of {@link #format}) */
  public static TreeMap<String, String> parse(String s) {
    TreeMap<String, String> tags = new TreeMap<>();
    StringBuilder key = new StringBuilder();
    StringBuilder value = new StringBuilder();
    StringBuilder current = key;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean escapeChar = current == key ? c == ':' : c == '=';
      if (escapeChar && i + 1 < s.length() && (s.charAt(i + 1) == ':' || s.charAt(i + 1) == '=')) {
        current.append(s.charAt(++i));
      } else if (current == key && c == '=') {
        current = value;
      } else if (current == value && c == ':') {
        tags.put(key.toString(), value.toString());
        key.setLength(0);
        value.setLength(0);
        current = key;
      } else {
        current.append(c);
      }
    }
    return tags;
  }

  /** @return the keys and values of {@code tags} as two aligned arrays in {@code String} order */
  public static String[][] sorted(Map<String, String> tags) {
    TreeMap<String, String> sorted = tags instanceof TreeMap && ((TreeMap<String, String>) tags).comparator() == null
      ? (TreeMap<String, String>) tags : new TreeMap<>(tags);
    String[] keys = sorted.keySet().toArray(new String[0]);
    String[] values = sorted.values().toArray(new String[0]);
    return new String[][] {keys, values};
  }

  private static void escape(StringBuilder sb, String s, char escape) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ':' || c == '=') {
        sb.append(escape);
      }
      sb.append(c);
    }
  }
}

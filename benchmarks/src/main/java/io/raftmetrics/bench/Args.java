package io.raftmetrics.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --key=value} command-line options with defaults. */
final class Args {

  private final Map<String, String> values = new HashMap<>();

  Args(String[] args) {
    for (String a : args) {
      if (!a.startsWith("--") || !a.contains("=")) {
        throw new IllegalArgumentException("options are --key=value, got " + a);
      }
      values.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    }
  }

  String get(String key, String def) {
    return values.getOrDefault(key, def);
  }

  int integer(String key, int def) {
    return Integer.parseInt(get(key, String.valueOf(def)));
  }

  long longValue(String key, long def) {
    return Long.parseLong(get(key, String.valueOf(def)));
  }
}

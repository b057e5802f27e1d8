package io.raftmetrics.gateway.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a token may do. {@code admin} implies every other scope. */
public enum Scope {
  READ, WRITE, DELETE, ADMIN;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @return the scope with that name (case-insensitive), or null */
  public static Scope of(String name) {
    for (Scope s : values()) {
      if (s.key().equalsIgnoreCase(name.trim())) {
        return s;
      }
    }
    return null;
  }

  /** Expands {@code admin} to every scope. */
  public static Set<Scope> effective(Set<Scope> granted) {
    return granted.contains(ADMIN) ? EnumSet.allOf(Scope.class) : granted;
  }
}

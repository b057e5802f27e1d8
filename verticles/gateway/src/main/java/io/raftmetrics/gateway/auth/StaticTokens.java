package io.raftmetrics.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;

/**
 * Opaque bearer tokens from configuration. A presented token is compared with every configured one in constant
 * time (SHA-256 digests of equal length through {@link MessageDigest#isEqual}, and no early exit), so neither the
 * match position nor a common prefix leaks through timing.
 */
final class StaticTokens {

  record Entry(String name, byte[] digest, Set<Scope> scopes) {
  }

  private final List<Entry> entries;

  StaticTokens(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  static Entry entry(String name, String token, Set<Scope> scopes) {
    return new Entry(name, sha256(token), scopes);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** @return the caller of a matching token, or null */
  Caller match(String token) {
    byte[] presented = sha256(token);
    Entry found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(presented, e.digest()) && found == null) {
        found = e;
      }
    }
    return found == null ? null : new Caller(found.name(), found.scopes());
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

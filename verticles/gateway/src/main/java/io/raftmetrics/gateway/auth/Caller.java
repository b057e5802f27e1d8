package io.raftmetrics.gateway.auth;

import java.util.Set;

/**
 * An authenticated client.
 *
 * @param name token name or JWT subject, for logs
 * @param scopes effective scopes
 */
public record Caller(String name, Set<Scope> scopes) {

  /** Key of the caller in the routing context data. */
  public static final String CONTEXT_KEY = "raftmetrics.caller";

  public Caller {
    scopes = Set.copyOf(Scope.effective(scopes));
  }

  public boolean has(Scope scope) {
    return scopes.contains(scope);
  }
}

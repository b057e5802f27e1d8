package io.raftmetrics.launcher;

import java.util.Locale;

/**
 * The deployable roles. Their order is the deployment order: the raft role publishes the replica the query role
 * reads, and the gateway comes last so it takes traffic only once what it calls is up.
 */
public enum Role {
  RAFT("raft", "io.raftmetrics.raft.RaftVerticle"),
  QUERY("query", "io.raftmetrics.query.QueryVerticle"),
  CASSANDRA("cassandra", "io.raftmetrics.cassandra.CassandraVerticle"),
  GATEWAY("gateway", "io.raftmetrics.gateway.GatewayVerticle");

  private final String key;
  private final String verticle;

  Role(String key, String verticle) {
    this.key = key;
    this.verticle = verticle;
  }

  /** @return the verticle class deployed for the role */
  public String verticle() {
    return verticle;
  }

  /** @return the name used in configuration, also the name of the role's config section */
  public String key() {
    return key;
  }

  /** @return the role with that configuration name, or null */
  public static Role of(String name) {
    for (Role r : values()) {
      if (r.key.equals(name.toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    return null;
  }
}

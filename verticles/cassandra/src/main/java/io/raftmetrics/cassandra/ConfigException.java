package io.raftmetrics.cassandra;

/** A missing or invalid key of the {@code cassandra} configuration section; the message names the key. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String key, String problem) {
    super("cassandra." + key + ": " + problem, null, false, false);
  }
}

package io.raftmetrics.launcher.config;

/**
 * A configuration that cannot start a node. The message is one line and names the key, e.g.
 * {@code node.roles: role 'raft' listed twice}; the launcher prints it and exits.
 */
public final class ConfigException extends RuntimeException {

  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
  }

  public ConfigException(String key, String problem, Throwable cause) {
    super(key + ": " + problem, cause);
  }
}

package io.raftmetrics.raft;

/**
 * A missing or invalid key of the {@code raft} configuration section. The message is one line that names the key,
 * e.g. {@code raft.peers: missing}, so deployment fails with a message an operator can act on.
 */
public final class RaftConfigException extends RuntimeException {

  private final String key;

  public RaftConfigException(String key, String problem) {
    super("raft." + key + ": " + problem);
    this.key = key;
  }

  /** @return the key within the {@code raft} section, e.g. {@code peers} */
  public String key() {
    return key;
  }
}

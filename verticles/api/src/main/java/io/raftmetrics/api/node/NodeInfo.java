package io.raftmetrics.api.node;

import java.util.List;

/**
 * Who this node is, published by the launcher in {@link NodeServices} under {@link #KEY}.
 *
 * @param nodeId node id
 * @param roles roles deployed in this JVM
 * @param startedAtMs when the launcher started, epoch ms
 */
public record NodeInfo(String nodeId, List<String> roles, long startedAtMs) {

  public static final String KEY = "node.info";

  public NodeInfo {
    roles = List.copyOf(roles);
  }
}

package io.raftmetrics.testkit.cassandra;

import java.net.InetSocketAddress;

/**
 * Where a test class may put its data: a keyspace name no other test class uses, on the shared node.
 *
 * @param host CQL address
 * @param port CQL port
 * @param datacenter the node's datacenter (SimpleSnitch names it {@value #DATACENTER})
 * @param name the keyspace, not yet created
 */
public record CassandraKeyspace(String host, int port, String datacenter, String name) {

  /** The datacenter name of a node using {@code SimpleSnitch}. */
  public static final String DATACENTER = "datacenter1";

  public InetSocketAddress contactPoint() {
    return new InetSocketAddress(host, port);
  }
}

package io.raftmetrics.testkit.cassandra;

import io.raftmetrics.testkit.Ports;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run one local Cassandra node.
 *
 * @param dir directory for the node's configuration, data, commit log and logs
 * @param address loopback address to listen on (CQL and inter-node)
 * @param nativePort CQL port
 * @param storagePort inter-node port
 * @param seeds {@code host:port} of the seed (itself for a single node)
 * @param clusterName cluster name; nodes of one ring share it
 * @param heapMb JVM heap, MiB
 * @param memtableMb memtable space (heap and off-heap each), MiB
 * @param startTimeout how long to wait for readiness
 */
public record CassandraOptions(Path dir, String address, int nativePort, int storagePort, String seeds,
                               String clusterName, int heapMb, int memtableMb, Duration startTimeout) {

  /** A single node on {@code address} with the given ports, 1 GiB heap and a 90 s start budget. */
  public static CassandraOptions singleNode(Path dir, String address, int nativePort, int storagePort) {
    return new CassandraOptions(dir, address, nativePort, storagePort, address + ":" + storagePort,
      "raftmetrics", 1024, 64, Duration.ofSeconds(90));
  }

  /** A single node on {@code 127.0.0.1} with two ports that were free a moment ago. */
  public static CassandraOptions onFreePorts(Path dir) {
    String address = "127.0.0.1";
    return singleNode(dir, address, Ports.free(address), Ports.free(address));
  }

  public CassandraOptions withHeapMb(int mb) {
    return new CassandraOptions(dir, address, nativePort, storagePort, seeds, clusterName, mb, memtableMb,
      startTimeout);
  }

  public CassandraOptions withMemtableMb(int mb) {
    return new CassandraOptions(dir, address, nativePort, storagePort, seeds, clusterName, heapMb, mb, startTimeout);
  }
}

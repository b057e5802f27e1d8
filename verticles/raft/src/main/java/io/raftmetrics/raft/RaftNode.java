package io.raftmetrics.raft;

import io.micrometer.core.instrument.MeterRegistry;
import io.raftmetrics.store.DuckReplica;
import io.raftmetrics.store.Replica;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.LeaderElectionManagementRequest;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.rpc.CallId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * This node's Ratis server with one group per shard, the shards' replicas and state machines, and one Ratis client per
 * shard. {@link #start} and {@link #close} block (disk, network): call them on a worker thread. The submit methods
 * return at once.
 */
final class RaftNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);

  private final RaftConfig config;
  private final RaftPeerId self;
  private final List<RaftPeer> peers;
  private final List<ReplicaStateMachine> machines;
  private final List<RaftClient> clients = new ArrayList<>();
  private RaftServer server;
  private EntrySubmitter submitter;

  private RaftNode(RaftConfig config, List<ReplicaStateMachine> machines) {
    this.config = config;
    this.self = ShardGroups.self(config);
    this.peers = ShardGroups.peers(config);
    this.machines = machines;
  }

  /**
   * Opens the replicas, starts the server, joins every shard group and checks that each replica and its Raft log
   * belong together. On failure everything opened is closed again.
   *
   * @param registry where the replicas publish their metrics, or null
   */
  static RaftNode start(RaftConfig config, MeterRegistry registry) throws IOException {
    Files.createDirectories(config.storageDir());
    Files.createDirectories(config.replicaDir());
    StorageCheck.refuseUnknownGroups(config);
    List<ReplicaStateMachine> machines = new ArrayList<>();
    RaftNode node = new RaftNode(config, machines);
    try {
      for (int shard = 0; shard < config.shards(); shard++) {
        Replica replica = DuckReplica.open(shard, replicaFile(config, shard), registry);
        machines.add(new ReplicaStateMachine(shard, replica, config.maxConsumerLagEntries()));
      }
      node.startServer();
      for (ReplicaStateMachine m : machines) {
        StorageCheck.replicaMatchesLog(m, node.server.getDivision(ShardGroups.groupId(m.shard())));
      }
      return node;
    } catch (IOException | RuntimeException e) {
      node.close();
      throw e;
    }
  }

  private void startServer() throws IOException {
    server = RaftServer.newBuilder()
      .setServerId(self)
      .setProperties(RatisProperties.server(config))
      .setParameters(new Parameters())
      .setStateMachineRegistry(gid -> machines.get(ShardGroups.shardOf(gid, config.shards())))
      .setOption(RaftStorage.StartupOption.RECOVER)
      .build();
    server.start();
    Set<RaftGroupId> existing = new HashSet<>();
    server.getGroupIds().forEach(existing::add);
    ClientId admin = ClientId.randomId();
    for (int shard = 0; shard < config.shards(); shard++) {
      if (!existing.contains(ShardGroups.groupId(shard))) {
        RaftGroup initial = ShardGroups.initialGroup(shard, config);
        LOG.info("shard {}: creating Raft group {} with {}", shard, ShardGroups.groupId(shard),
          config.join() ? "no peers, to be added by the leader" : "peers " + initial.getPeers());
        RaftClientReply reply = server.groupManagement(GroupManagementRequest.newAdd(admin, self,
          CallId.getAndIncrement(), initial, true));
        if (!reply.isSuccess()) {
          throw new IOException("shard " + shard + ": cannot create its Raft group: " + reply.getException());
        }
      }
      RaftClient client = RaftClient.newBuilder()
        .setProperties(RatisProperties.client(config))
        .setParameters(new Parameters())
        .setRaftGroup(ShardGroups.group(shard, peers))
        .setLeaderId(self)
        .setRetryPolicy(RatisProperties.clientRetry(config))
        .build();
      clients.add(client);
      connect(shard, client);
    }
    submitter = new EntrySubmitter(server, self, clients, config.requestTimeoutMs());
  }

  /**
   * Opens the client's connection to this node's own server now, on this worker thread: the first gRPC channel of a
   * JVM costs a second of class loading that must not land on an event loop. It also proves that the advertised
   * address reaches this server.
   */
  private void connect(int shard, RaftClient client) throws IOException {
    RaftGroupId group = ShardGroups.groupId(shard);
    GroupInfoReply info = client.getGroupManagementApi(self).info(group);
    if (!info.isSuccess() || !group.equals(info.getGroup().getGroupId())) {
      throw new IOException("shard " + shard + ": this node's Ratis server does not answer on "
        + config.address() + ": " + info.getException());
    }
    client.async();
  }

  /** See {@link EntrySubmitter#submit}. */
  CompletableFuture<RaftClientReply> submit(int shard, ByteString entry) {
    return submitter.submit(shard, entry);
  }

  /** See {@link EntrySubmitter#readIndex}. */
  CompletableFuture<RaftClientReply> readIndex(int shard) {
    return submitter.readIndex(shard);
  }

  /** Asks this node to snapshot a shard (served by the Ratis state-machine updater, not this thread). */
  CompletableFuture<RaftClientReply> requestSnapshot(int shard, long timeoutMs) {
    return server.snapshotManagementAsync(SnapshotManagementRequest.newCreate(ClientId.randomId(), self,
      ShardGroups.groupId(shard), CallId.getAndIncrement(), timeoutMs));
  }

  /** Stops this node from campaigning for the shard's leadership (until it restarts). */
  CompletableFuture<RaftClientReply> pauseElection(int shard) {
    return server.leaderElectionManagementAsync(LeaderElectionManagementRequest.newPause(ClientId.randomId(), self,
      ShardGroups.groupId(shard), CallId.getAndIncrement()));
  }

  /** Hands this node's leadership of a shard to {@code target}, or steps down when it is null. */
  CompletableFuture<RaftClientReply> transferLeadership(int shard, RaftPeerId target) {
    try {
      return server.transferLeadershipAsync(new TransferLeadershipRequest(ClientId.randomId(), self,
        ShardGroups.groupId(shard), CallId.getAndIncrement(), target, config.requestTimeoutMs()));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** @throws IOException if this server does not host the shard's group (never after a successful start) */
  RaftServer.Division division(int shard) throws IOException {
    return server.getDivision(ShardGroups.groupId(shard));
  }

  RaftServer server() {
    return server;
  }

  ReplicaStateMachine machine(int shard) {
    return machines.get(shard);
  }

  RaftConfig config() {
    return config;
  }

  /** Closes the clients, the server (which closes the state machines), then the replicas. Blocks. */
  @Override
  public void close() {
    if (submitter != null) {
      submitter.close();
    }
    for (RaftClient c : clients) {
      closeQuietly(c, "client");
    }
    if (server != null) {
      closeQuietly(server, "server");
    }
    for (ReplicaStateMachine m : machines) {
      closeQuietly(m.replica(), "replica of shard " + m.shard());
    }
  }

  private static void closeQuietly(AutoCloseable c, String what) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("closing the {} failed", what, e);
    }
  }

  /** @return the DuckDB file of a shard's replica */
  static Path replicaFile(RaftConfig config, int shard) {
    return config.replicaDir().resolve("shard-" + shard + ".duckdb");
  }
}

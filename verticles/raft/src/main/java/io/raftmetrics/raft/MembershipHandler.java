package io.raftmetrics.raft;

import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.raft.Member;
import io.raftmetrics.api.raft.MembershipChange;
import io.raftmetrics.api.raft.MembershipResult;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.exceptions.ReconfigurationInProgressException;
import org.apache.ratis.protocol.exceptions.SetConfigurationException;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Serves {@link io.raftmetrics.api.Addresses#RAFT_MEMBERSHIP}: adds or removes one peer of every shard's group
 * through Ratis' admin API, one group after the other, each change committed before the next starts. Adding uses
 * Ratis' {@code ADD} mode (the leader adds the peer to the configuration it holds, so a stale view here cannot undo
 * another change); removing uses {@code COMPARE_AND_SET} against the configuration read here. The leader refuses a
 * change while another is in progress (409). Ratis' admin calls block, so they run on the role's worker pool.
 */
final class MembershipHandler {

  private static final Logger LOG = LoggerFactory.getLogger(MembershipHandler.class);

  private final RaftNode node;
  private final WorkerExecutor worker;
  private final AtomicBoolean busy = new AtomicBoolean();

  MembershipHandler(RaftNode node, WorkerExecutor worker) {
    this.node = node;
    this.worker = worker;
  }

  void handle(Message<Object> msg) {
    if (!(msg.body() instanceof MembershipChange)) {
      msg.fail(ErrorCode.BAD_REQUEST.code(), "raft.membership expects a MembershipChange");
      return;
    }
    MembershipChange change = (MembershipChange) msg.body();
    String invalid = validate(change);
    if (invalid != null) {
      msg.fail(ErrorCode.BAD_REQUEST.code(), invalid);
      return;
    }
    if (!busy.compareAndSet(false, true)) {
      msg.fail(ErrorCode.CONFLICT.code(), "another membership change is in progress on this node");
      return;
    }
    worker.executeBlocking(() -> apply(change), false).onComplete(ar -> {
      busy.set(false);
      if (ar.succeeded()) {
        msg.reply(ar.result());
      } else {
        ReplyException failure = failure(ar.cause());
        msg.fail(failure.failureCode(), failure.getMessage());
      }
    });
  }

  private static String validate(MembershipChange change) {
    if (change.op() == null || change.peerId() == null || change.peerId().isBlank()) {
      return "a membership change needs an op and a peer id";
    }
    if (change.op() == MembershipChange.Op.ADD) {
      String a = change.address();
      int colon = a == null ? -1 : a.lastIndexOf(':');
      if (colon <= 0 || !a.substring(colon + 1).matches("\\d{1,5}")) {
        return "adding a peer needs its Ratis address as host:port, got '" + a + "'";
      }
    }
    return null;
  }

  private MembershipResult apply(MembershipChange change) throws IOException {
    List<MembershipResult.Group> groups = new ArrayList<>();
    for (int shard = 0; shard < node.config().shards(); shard++) {
      groups.add(applyTo(shard, change));
    }
    return new MembershipResult(groups);
  }

  private MembershipResult.Group applyTo(int shard, MembershipChange change) throws IOException {
    RaftServer.Division division = node.division(shard);
    List<RaftPeer> current = new ArrayList<>(division.getRaftConf().getCurrentPeers());
    String self = node.config().nodeId();
    // The request may reach a node that is not a member yet (one started with raft.join, waiting to be added): it
    // does not know the group's configuration, so it asks the configured peers, and only an addition can be done.
    boolean outsider = current.stream().noneMatch(p -> p.getId().toString().equals(self));
    if (outsider && change.op() == MembershipChange.Op.REMOVE) {
      throw RaftFailures.failure(ErrorCode.UNAVAILABLE, "shard " + shard + ": " + self
        + " is not a member of the group and does not know its configuration; retry");
    }
    List<RaftPeer> askable = outsider ? ShardGroups.peers(node.config()) : current;
    boolean member = current.stream().anyMatch(p -> p.getId().toString().equals(change.peerId()));
    SetConfigurationRequest.Arguments.Builder args = SetConfigurationRequest.Arguments.newBuilder();
    if (change.op() == MembershipChange.Op.ADD) {
      if (member && !outsider) {
        return new MembershipResult.Group(shard, false, members(current));
      }
      args.setServersInNewConf(List.of(RaftPeer.newBuilder().setId(change.peerId()).setAddress(change.address())
        .build())).setMode(SetConfigurationRequest.Mode.ADD);
    } else {
      if (!member) {
        return new MembershipResult.Group(shard, false, members(current));
      }
      if (current.size() == 1) {
        throw RaftFailures.failure(ErrorCode.BAD_REQUEST, "shard " + shard + ": cannot remove the last member");
      }
      List<RaftPeer> remaining = current.stream().filter(p -> !p.getId().toString().equals(change.peerId())).toList();
      args.setServersInCurrentConf(current).setServersInNewConf(remaining)
        .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET);
    }
    LOG.info("shard {}: {} peer {} ({})", shard, change.op(), change.peerId(), change.address());
    try (RaftClient admin = adminClient(shard, askable)) {
      RaftClientReply reply = admin.admin().setConfiguration(args.build());
      if (!reply.isSuccess()) {
        throw reply.getException();
      }
      if (outsider) {
        // this node may not have the new configuration yet: the leader's is the answer
        GroupInfoReply info = admin.getGroupManagementApi(reply.getServerId()).info(ShardGroups.groupId(shard));
        LOG.info("shard {}: members now {}", shard, info.getGroup().getPeers());
        return new MembershipResult.Group(shard, true, members(info.getGroup().getPeers()));
      }
    } catch (ReconfigurationInProgressException e) {
      throw RaftFailures.failure(ErrorCode.CONFLICT, "shard " + shard
        + ": a membership change is already in progress; retry later");
    } catch (SetConfigurationException e) {
      throw RaftFailures.failure(ErrorCode.CONFLICT, "shard " + shard + ": the configuration changed meanwhile: "
        + e.getMessage());
    } catch (IOException e) {
      throw RaftFailures.of(shard, e);
    }
    List<RaftPeer> now = new ArrayList<>(division.getRaftConf().getCurrentPeers());
    LOG.info("shard {}: members now {}", shard, now);
    return new MembershipResult.Group(shard, true, members(now));
  }

  /**
   * A client for one change: it finds the leader among the current members and waits up to
   * {@code membership_timeout_ms}, since the leader answers only once the new peer caught up and the new
   * configuration committed.
   */
  private RaftClient adminClient(int shard, Collection<RaftPeer> current) {
    RaftConfig c = node.config();
    return RaftClient.newBuilder()
      .setProperties(RatisProperties.adminClient(c))
      .setParameters(new Parameters())
      .setRaftGroup(RaftGroup.valueOf(ShardGroups.groupId(shard), current))
      .setRetryPolicy(RatisProperties.clientRetry(c))
      .build();
  }

  private static List<Member> members(Collection<RaftPeer> peers) {
    return peers.stream().map(p -> new Member(p.getId().toString(), p.getAddress(), -1)).toList();
  }

  private static ReplyException failure(Throwable t) {
    return t instanceof ReplyException ? (ReplyException) t
      : RaftFailures.failure(ErrorCode.INTERNAL, "membership change failed: " + t);
  }
}

package io.raftmetrics.gateway.http;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.raft.MembershipChange;
import io.raftmetrics.api.raft.MembershipResult;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The admin API for Raft membership ({@code admin} scope), one peer at a time for every shard's group:
 * {@code POST /admin/raft/peers} with {@code {"id": "w4", "address": "host:9872"}} adds a peer (which must already
 * run with {@code raft.join: true}); {@code DELETE /admin/raft/peers/{id}} removes one. 200 with the groups'
 * members afterwards; 409 while another change is in progress; 503 without a raft node or quorum.
 */
public final class MembershipHandlers {

  /** A change waits for the new peer to catch up (a snapshot, then the log): far longer than a write. */
  static final long TIMEOUT_MS = 600_000;

  private final Bus bus;

  public MembershipHandlers(EventBus eb) {
    this.bus = new Bus(eb, TIMEOUT_MS);
  }

  public void add(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().buffer() == null ? null : ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    String id = body == null ? null : body.getValue("id") instanceof String s ? s : null;
    String address = body == null ? null : body.getValue("address") instanceof String s ? s : null;
    if (id == null || id.isBlank() || address == null || address.isBlank()) {
      ApiErrors.simple(ctx, 400, "VALIDATION_ERROR", "expected {\"id\": \"<peer id>\", \"address\": \"host:port\"}",
        null);
      return;
    }
    send(ctx, new MembershipChange(MembershipChange.Op.ADD, id.trim(), address.trim()));
  }

  public void remove(RoutingContext ctx) {
    send(ctx, new MembershipChange(MembershipChange.Op.REMOVE, ctx.pathParam("id"), null));
  }

  private void send(RoutingContext ctx, MembershipChange change) {
    Future<MembershipResult> result = bus.request(Addresses.RAFT_MEMBERSHIP, change);
    result.onComplete(ar -> {
      if (ar.failed()) {
        Bus.Failure f = Bus.failure(ar.cause());
        ApiErrors.simple(ctx, f.status(), ApiErrors.codeFor(f.status()), f.message(), null);
      } else {
        ctx.response().putHeader("Content-Type", ApiErrors.JSON).end(ar.result().toJson().encode());
      }
    });
  }
}

package io.raftmetrics.gateway.http;

import io.raftmetrics.api.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * The gateway's client side of the event bus: every request carries the configured timeout, and every failure is
 * mapped to an HTTP status in this one place — {@code NO_HANDLERS} (role not deployed anywhere) → 503,
 * {@code TIMEOUT} → 504, a recipient's {@code fail(code, msg)} → that code.
 */
public final class Bus {

  private final EventBus eb;
  private final DeliveryOptions options;
  private final DeliveryOptions localOnly;

  public Bus(EventBus eb, long timeoutMs) {
    this.eb = eb;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
    this.localOnly = new DeliveryOptions(options).setLocalOnly(true);
  }

  public <T> Future<T> request(String address, Object body) {
    return eb.<T>request(address, body, options).map(Message::body);
  }

  /** A request only a consumer of this JVM may answer: {@code NO_HANDLERS} at once if there is none. */
  public <T> Future<T> requestLocal(String address, Object body) {
    return eb.<T>request(address, body, localOnly).map(Message::body);
  }

  /**
   * A request answered by a consumer of this JVM if there is one, else by any node. Reads use it: a gateway that
   * runs next to a replica reads that replica (no network hop, and each node's gateway shows its own replica), and
   * a gateway-only JVM finds no local consumer at once and asks the cluster.
   */
  public <T> Future<T> requestPreferLocal(String address, Object body) {
    return this.<T>requestLocal(address, body).recover(err ->
      noHandlers(err) ? request(address, body) : Future.failedFuture(err));
  }

  /** @return true if a request failed because no consumer was registered at its address */
  public static boolean noHandlers(Throwable err) {
    return err instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS;
  }

  /**
   * An HTTP-ready description of a failed request.
   *
   * @param status HTTP status
   * @param message text for the client
   */
  public record Failure(int status, String message) {
  }

  public static Failure failure(Throwable err) {
    if (err instanceof ReplyException re) {
      switch (re.failureType()) {
        case NO_HANDLERS:
          return new Failure(503, "service unavailable: no node serves this request (role not deployed or not ready)");
        case TIMEOUT:
          return new Failure(504, "timed out waiting for the cluster");
        case RECIPIENT_FAILURE: {
          ErrorCode code = ErrorCode.of(re.failureCode());
          String msg = re.getMessage() == null ? code.name() : re.getMessage();
          return new Failure(code.code(), msg);
        }
        default:
          return new Failure(500, "event bus error: " + re.getMessage());
      }
    }
    return new Failure(500, "internal error: " + err);
  }
}

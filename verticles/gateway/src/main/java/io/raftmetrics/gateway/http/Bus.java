package io.raftmetrics.gateway.http;

import io.raftmetrics.api.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;

/**
 * The gateway's client side of the event bus: every request carries the configured timeout, and every failure is
 * mapped to an HTTP status in this one place — {@code NO_HANDLERS} (role not deployed anywhere) → 503,
 * {@code TIMEOUT} → 504, a recipient's {@code fail(code, msg)} → that code.
 */
public final class Bus {

  private final EventBus eb;
  private final DeliveryOptions options;

  public Bus(EventBus eb, long timeoutMs) {
    this.eb = eb;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  public <T> Future<T> request(String address, Object body) {
    return eb.<T>request(address, body, options).map(Message::body);
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

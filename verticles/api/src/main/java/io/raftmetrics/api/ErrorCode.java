package io.raftmetrics.api;

/**
 * Failure codes carried by {@code Message.fail(code, message)}. They are HTTP status codes so a gateway can map a
 * recipient failure without a table; anything else is treated as 500.
 */
public enum ErrorCode {
  /** The request is invalid; the message says why. */
  BAD_REQUEST(400),
  /** No or bad credentials. */
  UNAUTHORIZED(401),
  /** Credentials without the needed scope. */
  FORBIDDEN(403),
  /** Unknown metric or resource. */
  NOT_FOUND(404),
  /** A conflicting request, such as a batch id reused for different content. */
  CONFLICT(409),
  /** A size limit was exceeded. */
  PAYLOAD_TOO_LARGE(413),
  /** This node is not the leader of the group and could not forward. */
  NOT_LEADER(421),
  /** A query limit (points scanned, time) was exceeded. */
  LIMIT_EXCEEDED(422),
  /** Unexpected failure of the recipient. */
  INTERNAL(500),
  /** The role is not deployed, not ready, or the group has no quorum. */
  UNAVAILABLE(503),
  /** The recipient did not finish in time. */
  TIMEOUT(504);

  private final int code;

  ErrorCode(int code) {
    this.code = code;
  }

  /** @return the numeric code, also the HTTP status */
  public int code() {
    return code;
  }

  /**
   * @param code a failure code received from the event bus
   * @return the matching constant, or {@link #INTERNAL} for codes outside this list
   */
  public static ErrorCode of(int code) {
    for (ErrorCode c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    return INTERNAL;
  }
}

package io.raftmetrics.query.kairos;

import io.raftmetrics.api.ErrorCode;

/** A query that cannot be answered, with the failure code its requester receives. */
final class KairosQueryException extends RuntimeException {

  private final ErrorCode code;

  KairosQueryException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  static KairosQueryException badRequest(String message) {
    return new KairosQueryException(ErrorCode.BAD_REQUEST, message);
  }

  static KairosQueryException limit(String message) {
    return new KairosQueryException(ErrorCode.LIMIT_EXCEEDED, message);
  }

  ErrorCode code() {
    return code;
  }
}

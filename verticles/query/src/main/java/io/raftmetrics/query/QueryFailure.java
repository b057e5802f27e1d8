package io.raftmetrics.query;

import io.raftmetrics.api.ErrorCode;

/** A query that cannot be answered, with the code the requester receives in {@code fail(code, message)}. */
final class QueryFailure extends RuntimeException {

  private final ErrorCode code;

  QueryFailure(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  ErrorCode code() {
    return code;
  }

  static QueryFailure badRequest(String message) {
    return new QueryFailure(ErrorCode.BAD_REQUEST, message);
  }

  static QueryFailure notFound(String message) {
    return new QueryFailure(ErrorCode.NOT_FOUND, message);
  }
}

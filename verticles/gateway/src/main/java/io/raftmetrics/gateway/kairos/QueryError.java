package io.raftmetrics.gateway.kairos;

import java.util.List;

/**
 * A query request that cannot be run, with the messages KairosDB's {@code {"errors":[...]}} body carries. The
 * status is 400 for everything the parser rejects; KairosDB answers some of these cases with 500, we do not
 * ({@code docs/compatibility.md}, section Queries).
 */
public final class QueryError extends Exception {

  private final int status;
  private final List<String> messages;

  public QueryError(int status, List<String> messages) {
    super(String.join("; ", messages), null, false, false);
    this.status = status;
    this.messages = List.copyOf(messages);
  }

  /** A 400 with one message. */
  public static QueryError of(String message) {
    return new QueryError(400, List.of(message));
  }

  /** A 400 whose message is {@code context.path message}, the way KairosDB prints a constraint violation. */
  public static QueryError violation(String context, String path, String message) {
    return of(Violations.format(context, path, message));
  }

  public int status() {
    return status;
  }

  public List<String> messages() {
    return messages;
  }
}

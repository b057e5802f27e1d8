package io.raftmetrics.cassandra.write;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import com.datastax.oss.driver.api.core.servererrors.TruncateException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import io.raftmetrics.api.ErrorCode;

import java.util.concurrent.CompletionException;

/**
 * Sorts driver failures: transient ones (Cassandra down, overloaded, timed out) are retried with backoff, because
 * every statement we send is idempotent; the others (Cassandra refused the statement) never succeed on retry.
 */
public final class Failures {

  /** How a failure is counted in metrics. */
  public enum Kind { TIMEOUT, UNAVAILABLE, REJECTED, OTHER }

  private Failures() {
  }

  public static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  public static Kind kind(Throwable t) {
    t = unwrap(t);
    if (t instanceof DriverTimeoutException || t instanceof WriteTimeoutException
      || t instanceof ReadTimeoutException) {
      return Kind.TIMEOUT;
    }
    if (t instanceof AllNodesFailedException || t instanceof UnavailableException || t instanceof OverloadedException
      || t instanceof BootstrappingException || t instanceof ClosedConnectionException
      || t instanceof HeartbeatException || t instanceof BusyConnectionException
      || t instanceof RequestThrottlingException || t instanceof WriteFailureException
      || t instanceof TruncateException || t instanceof ServerError || t instanceof CqlExecutor.StoppedException) {
      return Kind.UNAVAILABLE;
    }
    if (t instanceof InvalidQueryException) {
      return Kind.REJECTED;
    }
    return Kind.OTHER;
  }

  /** @return true if trying the same idempotent statement again may succeed */
  public static boolean retryable(Throwable t) {
    Kind k = kind(t);
    return k == Kind.TIMEOUT || k == Kind.UNAVAILABLE;
  }

  /** @return the event-bus failure code for a write that finally failed with {@code t} */
  public static ErrorCode code(Throwable t) {
    switch (kind(t)) {
      case TIMEOUT:
        return ErrorCode.TIMEOUT;
      case UNAVAILABLE:
        return ErrorCode.UNAVAILABLE;
      case REJECTED:
        return ErrorCode.BAD_REQUEST;
      default:
        return ErrorCode.INTERNAL;
    }
  }
}

package io.raftmetrics.store;

/** DuckDB failed; the operation changed nothing. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

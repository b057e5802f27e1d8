package io.raftmetrics.api.codec;

/** A binary entry that does not follow the format it claims. */
public final class MalformedEntryException extends RuntimeException {
  public MalformedEntryException(String message) {
    super(message);
  }
}

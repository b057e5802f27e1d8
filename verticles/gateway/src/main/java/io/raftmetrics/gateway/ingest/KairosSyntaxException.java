package io.raftmetrics.gateway.ingest;

/**
 * A body KairosDB's parser gives up on: the message is exactly the text KairosDB answers, and parsing stops there.
 */
final class KairosSyntaxException extends Exception {

  KairosSyntaxException(String message) {
    super(message, null, false, false);
  }
}

package io.raftmetrics.gateway.kairos;

/**
 * A conversion failure that names the offending value: KairosDB reports it as {@code <enclosing context>.<context>
 * <message>}, e.g. {@code query.metric[0].aggregators[0].fortnights is not a valid time unit, ...}. Thrown from
 * inside Gson deserializers, which let runtime exceptions through unchanged.
 */
final class ContextualException extends RuntimeException {

  private final String context;

  ContextualException(String context, String message) {
    super(message, null, false, false);
    this.context = context;
  }

  String context() {
    return context;
  }
}

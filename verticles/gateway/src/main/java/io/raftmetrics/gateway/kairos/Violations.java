package io.raftmetrics.gateway.kairos;

/** KairosDB's wording of validation failures ({@code BeanValidationException}): {@code context.path message}. */
final class Violations {

  static final String MAY_NOT_BE_NULL = "may not be null";
  static final String MAY_NOT_BE_EMPTY = "may not be empty";
  static final String MAY_NOT_BE_ZERO = "may not be zero";

  private Violations() {
  }

  /** @return the message, prefixed by the context unless it is empty */
  static String format(String context, String path, String message) {
    return (context == null || context.isEmpty() ? "" : context + ".") + path + " " + message;
  }

  static String atLeast(long min) {
    return "must be greater than or equal to " + min;
  }
}

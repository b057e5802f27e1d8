package io.raftmetrics.gateway.auth;

/** Authentication (401) or authorisation (403) refused; the message is safe to show the client. */
public final class AuthException extends RuntimeException {

  private final int status;

  public AuthException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}

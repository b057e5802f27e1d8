package io.raftmetrics.gateway.telnet;

import org.slf4j.Logger;

import java.util.function.Supplier;

/**
 * Warnings at most once per interval, each telling how many were suppressed since the last one: a sender of bad
 * lines must not be able to flood the log. Every message still goes to DEBUG. A message is only built when it is
 * written. Not thread-safe (one event loop).
 */
final class RateLimitedLog {

  private final Logger log;
  private final long intervalNanos;
  private long last;
  private boolean first = true;
  private long suppressed;

  RateLimitedLog(Logger log, long intervalMs) {
    this.log = log;
    this.intervalNanos = intervalMs * 1_000_000L;
  }

  void warn(Supplier<String> message) {
    long now = System.nanoTime();
    if (first || now - last >= intervalNanos) {
      if (suppressed > 0) {
        log.warn("{} ({} similar messages suppressed)", message.get(), suppressed);
      } else {
        log.warn(message.get());
      }
      first = false;
      last = now;
      suppressed = 0;
    } else {
      suppressed++;
      if (log.isDebugEnabled()) {
        log.debug(message.get());
      }
    }
  }
}

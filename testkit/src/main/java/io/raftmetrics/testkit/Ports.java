package io.raftmetrics.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free TCP ports on loopback for tests. A port handed out is never handed out again in this JVM, so tests that ask
 * for several ports before binding them do not collide with each other.
 */
public final class Ports {

  private static final Set<Integer> GIVEN = new HashSet<>();

  private Ports() {
  }

  /** @return a port that was free on 127.0.0.1 a moment ago */
  public static synchronized int free() {
    return free("127.0.0.1");
  }

  public static synchronized int free(String host) {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(false);
        s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
        int port = s.getLocalPort();
        if (GIVEN.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free port found on " + host);
  }
}

package io.raftmetrics.deploy;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Answers on 127.0.0.1 with the status of a service's compose healthcheck URL. {@code ProductProcess} waits for
 * readiness by polling {@code 127.0.0.1:<port>/health/ready}, while each compose service binds its own address;
 * this bridge lets it wait on exactly the URL the compose healthcheck asks.
 */
final class HealthcheckForwarder implements AutoCloseable {

  private final HttpServer server;

  HealthcheckForwarder(URI healthcheck) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      int status;
      try {
        status = client.send(HttpRequest.newBuilder(healthcheck).timeout(Duration.ofSeconds(3)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IOException e) {
        status = 503;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        status = 503;
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

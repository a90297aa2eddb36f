package io.querydoctor.monitor.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.Executors;

/**
 * Serves {@code GET /metrics} (Prometheus text format) on the JDK's HTTP server. Listening on anything but a
 * loopback address needs a bearer token (or the caller's explicit decision to run without one): the metrics
 * name databases and statements, which is not for everyone on the network.
 */
public final class MetricsServer implements AutoCloseable {

  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts serving {@code metrics} on {@code host:port} (port 0: any free port).
   *
   * @param token the bearer token clients must send, or null for none
   * @throws IllegalArgumentException when a non-loopback address has neither a token nor {@code insecure}
   */
  public static MetricsServer start(String host, int port, MonitorMetrics metrics, String token, boolean insecure)
      throws IOException {
    InetAddress address = InetAddress.getByName(host);
    if (!address.isLoopbackAddress() && token == null && !insecure) {
      throw new IllegalArgumentException("--listen " + host + " is reachable from other machines: give "
          + "--auth-token-env VAR (clients send 'Authorization: Bearer <token>') or --insecure-no-auth");
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 16);
    server.createContext("/", exchange -> handle(exchange, metrics, token));
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "querydoctor-metrics");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    return new MetricsServer(server);
  }

  private static void handle(HttpExchange exchange, MonitorMetrics metrics, String token) throws IOException {
    try (exchange) {
      if (token != null && !authorized(exchange.getRequestHeaders().getFirst("Authorization"), token)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        reply(exchange, 401, "text/plain", "unauthorized\n");
      } else if (!exchange.getRequestURI().getPath().equals("/metrics")) {
        reply(exchange, 404, "text/plain", "not found; metrics are at /metrics\n");
      } else if (!exchange.getRequestMethod().equals("GET")) {
        reply(exchange, 405, "text/plain", "GET only\n");
      } else {
        reply(exchange, 200, CONTENT_TYPE, metrics.render());
      }
    }
  }

  /** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
  private static boolean authorized(String header, String token) {
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    return MessageDigest.isEqual(header.substring(7).getBytes(StandardCharsets.UTF_8),
        token.getBytes(StandardCharsets.UTF_8));
  }

  private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

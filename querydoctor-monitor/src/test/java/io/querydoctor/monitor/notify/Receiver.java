package io.querydoctor.monitor.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP receiver on 127.0.0.1 that records every POST body; can be stopped and started on its port. */
public final class Receiver implements AutoCloseable {

  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final int port;
  private HttpServer server;

  public Receiver() throws IOException {
    server = create(0);
    port = server.getAddress().getPort();
  }

  private HttpServer create(int onPort) throws IOException {
    HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 8);
    created.createContext("/", exchange -> {
      try (exchange) {
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        paths.add(exchange.getRequestURI().getPath());
        exchange.sendResponseHeaders(200, -1);
      }
    });
    created.start();
    return created;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  public List<String> bodies() {
    return bodies;
  }

  public List<String> paths() {
    return paths;
  }

  /** Stops listening: deliveries now fail with connection refused. */
  public void kill() {
    server.stop(0);
  }

  public void restart() throws IOException {
    server = create(port);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

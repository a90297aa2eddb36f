package io.querydoctor.remedies.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's redis-server on a free loopback port, without persistence, for the shared-tier tests; the test is
 * skipped (with the reason) where it is not installed. {@link #kill} and {@link #start} let a test take it away
 * mid-run and bring it back, empty, on the same port.
 */
final class RedisServer implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/redis-server");

  private final int port;
  private Process process;

  private RedisServer(int port) {
    this.port = port;
  }

  /** A started server; skips the calling test when redis-server is absent. */
  static RedisServer startOrSkip() throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.isExecutable(BINARY),
        "redis-server is not installed (" + BINARY + "); .ci/run installs it best-effort with apt");
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    RedisServer server = new RedisServer(port);
    server.start();
    return server;
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  synchronized void start() throws IOException, InterruptedException {
    process = new ProcessBuilder(List.of(BINARY.toString(), "--port", Integer.toString(port), "--bind",
        "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!"+PONG".equals(ping())) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IOException("redis-server did not start on port " + port);
      }
      Thread.sleep(20);
    }
  }

  /** SIGKILL: connections drop, every key is lost (no persistence). */
  synchronized void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      process = null;
    }
  }

  /** One inline command's reply line, or null when the server does not answer. */
  String command(String line) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(1_000);
      OutputStream out = socket.getOutputStream();
      out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder reply = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\r') {
        reply.append((char) c);
      }
      return reply.toString();
    } catch (IOException e) {
      return null;
    }
  }

  private String ping() {
    return command("PING");
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}

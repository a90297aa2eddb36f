package io.querydoctor.postgres.advisor;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's system PostgreSQL 15 with HypoPG (zonky's 17 cannot load HypoPG's 15 build), started for a test
 * in a temporary data directory as the {@code postgres} user ({@code initdb} refuses root). {@link #why()} says
 * why it cannot run here, so tests skip with that message.
 */
public final class SystemPostgres15 implements AutoCloseable {

  static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  static final Path HYPOPG = Path.of("/usr/lib/postgresql/15/lib/hypopg.so");

  private final Path dir;
  private final int port;

  private SystemPostgres15(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Why the server cannot be started here, or null when it can. */
  public static String why() {
    if (!Files.isExecutable(BIN.resolve("initdb"))) {
      return "no system PostgreSQL 15 (" + BIN + "): apt-get install postgresql-15 postgresql-15-hypopg";
    }
    if (!Files.exists(HYPOPG)) {
      return "HypoPG is not installed for PostgreSQL 15: apt-get install postgresql-15-hypopg";
    }
    if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/sbin/runuser"))) {
      return "starting the system PostgreSQL 15 needs root (to run initdb as the postgres user via runuser)";
    }
    return null;
  }

  public static SystemPostgres15 start() throws IOException, InterruptedException {
    return start(List.of());
  }

  /** Starts the server with {@code settings} ({@code name=value}) added to its command line. */
  public static SystemPostgres15 start(List<String> settings) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("qd-pg15-");
    run("chown", "postgres", dir.toString());
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path data = dir.resolve("data");
    run("runuser", "-u", "postgres", "--", BIN.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust",
        "-U", "postgres", "--no-sync");
    run("runuser", "-u", "postgres", "--", BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l",
        dir.resolve("log").toString(), "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
            + settings.stream().map(setting -> " -c " + setting).collect(java.util.stream.Collectors.joining()),
        "start");
    return new SystemPostgres15(dir, port);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run("runuser", "-u", "postgres", "--", BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
        "-m", "immediate", "stop");
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(command));
    Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("failed: " + String.join(" ", args) + ": " + output);
    }
  }
}

package io.querydoctor.monitor;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real primary and its streaming standby, built with the system's PostgreSQL 15 binaries ({@code initdb},
 * {@code pg_basebackup}, {@code pg_ctl}): the embedded binaries have no {@code pg_basebackup}. Run as the
 * {@code postgres} user when the tests run as root ({@code initdb} refuses root). The standby reports its replay
 * position every second, so the primary's {@code pg_stat_replication.replay_lag} follows within a second.
 */
final class StreamingStandby implements AutoCloseable {

  static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  private final Path dir;
  private final int primaryPort;
  private final int standbyPort;

  private StreamingStandby(Path dir, int primaryPort, int standbyPort) {
    this.dir = dir;
    this.primaryPort = primaryPort;
    this.standbyPort = standbyPort;
  }

  /** Why a standby cannot be built here, or null when it can. */
  static String unavailable() {
    for (String tool : List.of("initdb", "pg_basebackup", "pg_ctl", "postgres")) {
      if (!Files.isExecutable(BIN.resolve(tool))) {
        return BIN.resolve(tool) + " is absent (Debian package postgresql-15)";
      }
    }
    if (isRoot() && !Files.isExecutable(Path.of("/usr/sbin/runuser"))) {
      return "running as root without runuser to start PostgreSQL as postgres";
    }
    return null;
  }

  static StreamingStandby start() throws Exception {
    Path dir = Files.createTempDirectory("qd-standby");
    StreamingStandby pair = new StreamingStandby(dir, freePort(), freePort());
    try {
      if (isRoot()) {
        run("chown", "postgres", dir.toString());
      }
      pair.pg("initdb", "-D", pair.primaryDir(), "-A", "trust", "-U", "postgres", "--no-sync");
      pair.pg("pg_ctl", "-D", pair.primaryDir(), "-w", "-s", "-l", dir.resolve("primary.log").toString(), "-o",
          "-p " + pair.primaryPort + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
      pair.pg("pg_basebackup", "-h", "127.0.0.1", "-p", Integer.toString(pair.primaryPort), "-U", "postgres",
          "-D", pair.standbyDir(), "-R", "-X", "stream", "--no-sync");
      pair.pg("pg_ctl", "-D", pair.standbyDir(), "-w", "-s", "-l", dir.resolve("standby.log").toString(), "-o",
          "-p " + pair.standbyPort + " -k " + dir + " -c listen_addresses=127.0.0.1"
              + " -c wal_receiver_status_interval=1", "start");
      return pair;
    } catch (Exception e) {
      pair.close();
      throw e;
    }
  }

  String primaryUrl() {
    return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/postgres";
  }

  Connection primary() throws SQLException {
    return DriverManager.getConnection(primaryUrl(), "postgres", "");
  }

  Connection standby() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + standbyPort + "/postgres", "postgres", "");
  }

  @Override
  public void close() throws Exception {
    for (String data : List.of(standbyDir(), primaryDir())) {
      if (Files.exists(Path.of(data, "postmaster.pid"))) {
        pg("pg_ctl", "-D", data, "-m", "immediate", "-s", "stop");
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private String primaryDir() {
    return dir.resolve("primary").toString();
  }

  private String standbyDir() {
    return dir.resolve("standby").toString();
  }

  private void pg(String tool, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (isRoot()) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(BIN.resolve(tool).toString());
    command.addAll(List.of(args));
    run(command.toArray(String[]::new));
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", command));
    }
    String output = new String(process.getInputStream().readAllBytes());
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + output);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

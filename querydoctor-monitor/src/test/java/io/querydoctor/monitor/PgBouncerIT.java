package io.querydoctor.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.monitor.alert.Alert;
import io.querydoctor.monitor.alert.AlertRule;
import io.querydoctor.monitor.alert.AlertRules;
import io.querydoctor.monitor.alert.AlertState;
import io.querydoctor.monitor.notify.DeliveryQueue;
import io.querydoctor.monitor.pgbouncer.PgBouncerConsole;
import io.querydoctor.monitor.pgbouncer.PgBouncerTarget;
import io.querydoctor.monitor.pgbouncer.PoolerSample;
import io.querydoctor.monitor.store.HistoryStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real PgBouncer (Debian's, skipped with the reason when it is not installed) in front of the shared embedded
 * server, with a pool of one server connection: a transaction left open makes the next client wait, which
 * {@code SHOW POOLS} shows and {@code pgbouncer-clients-waiting} turns into an alert that resolves once the
 * transaction ends; {@code SHOW STATS} deltas count the queries pooled.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class PgBouncerIT {

  private static final Path PGBOUNCER = Path.of("/usr/sbin/pgbouncer");

  @Test
  void waitingClientFiresTheAlertAndStatsCountQueries(EmbeddedServer server) throws Exception {
    assumeTrue(Files.isExecutable(PGBOUNCER), "pgbouncer is not installed (Debian package pgbouncer; .ci/run "
        + "installs it best-effort)");
    String database = server.createUniqueDatabase("pooled");
    Path dir = Files.createTempDirectory("querydoctor-pgbouncer-");
    // PgBouncer refuses to run as root: it runs as user postgres, which must read its files and write its log.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    int port = freePort();
    Files.writeString(dir.resolve("users.txt"), "\"postgres\" \"\"\n");
    Files.writeString(dir.resolve("pgbouncer.ini"), """
        [databases]
        appdb = host=127.0.0.1 port=%d dbname=%s user=postgres
        [pgbouncer]
        listen_addr = 127.0.0.1
        listen_port = %d
        unix_socket_dir =
        auth_type = trust
        auth_file = %s/users.txt
        admin_users = postgres
        pool_mode = transaction
        default_pool_size = 1
        ignore_startup_parameters = extra_float_digits
        logfile = %s/pgbouncer.log
        pidfile = %s/pgbouncer.pid
        """.formatted(server.port(), database, port, dir, dir, dir));
    Process pgbouncer = start(dir.resolve("pgbouncer.ini"));
    String app = "jdbc:postgresql://127.0.0.1:" + port + "/appdb";
    PgBouncerTarget pooler = new PgBouncerTarget("127.0.0.1:" + port,
        () -> PgBouncerConsole.open("127.0.0.1", port, "postgres", null, 5_000));
    Path rulesFile = dir.resolve("rules.yml");
    Files.writeString(rulesFile, "rules:\n  - id: pgbouncer-clients-waiting\n    for: 0s\n");
    List<AlertRule> rules = AlertRules.load(rulesFile);
    try (HistoryStore store = HistoryStore.open(server.connect(server.createUniqueDatabase("pooler_store")));
        Monitor monitor = new Monitor(store, List.of(), List.of(pooler), rules, List.of(),
            DeliveryQueue.Backoff.STANDARD, HeavyChecks.none(), MonitorSettings.defaults(), Clock.systemUTC());
        Connection holder = DriverManager.getConnection(app, "postgres", "");
        Connection waiter = DriverManager.getConnection(app, "postgres", "")) {
      monitor.cycle();
      try (Statement s = holder.createStatement()) {
        for (int i = 0; i < 5; i++) {
          s.executeQuery("SELECT " + i).close();
        }
      }
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.executeQuery("SELECT 1").close(); // the pool's only server connection stays in this transaction
      }
      CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
        try (Statement s = waiter.createStatement()) {
          s.executeQuery("SELECT 2").close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(1_300);
      monitor.cycle();
      String metrics = monitor.metrics().render();
      assertThat(metrics).contains("querydoctor_pgbouncer_up{pgbouncer=\"127.0.0.1:" + port + "\"} 1",
          "querydoctor_pgbouncer_clients{pgbouncer=\"127.0.0.1:" + port
              + "\",database=\"appdb\",user=\"postgres\",state=\"waiting\"} 1");
      assertThat(queriesTotal(metrics)).as("SHOW STATS deltas: the queries since the first sample").isPositive();
      Alert alert = monitor.openAlerts().stream().filter(a -> a.rule().id().equals("pgbouncer-clients-waiting"))
          .findFirst().orElseThrow();
      assertThat(alert.state()).isEqualTo(AlertState.FIRING);
      assertThat(alert.value()).isGreaterThanOrEqualTo(1);
      assertThat(alert.subject().name()).isEqualTo("appdb/postgres");
      Promtool.check(metrics);

      holder.commit();
      waiting.get();
      monitor.cycle();
      assertThat(monitor.openAlerts()).noneMatch(a -> a.rule().id().equals("pgbouncer-clients-waiting"));
      assertThat(store.alerts().states(alert.id()))
          .containsExactly(AlertState.PENDING, AlertState.FIRING, AlertState.RESOLVED);
      try (Connection c = server.connect(storeName(server)); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE cl_waiting = 1), count(*) "
              + "FROM qd_monitor.pooler_pool WHERE database = 'appdb'")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(1);
        assertThat(rs.getLong(2)).isEqualTo(3);
      }

      stop(pgbouncer, dir);
      PoolerSample down = pooler.sample(Clock.systemUTC().instant());
      assertThat(down.ok()).isFalse();
      assertThat(down.error()).isNotBlank();
    } finally {
      stop(pgbouncer, dir);
      try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static double queriesTotal(String metrics) {
    return metrics.lines().filter(l -> l.startsWith("querydoctor_pgbouncer_queries_total{") && l.contains("appdb"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static String storeName(EmbeddedServer server) throws Exception {
    try (Connection c = server.connect("postgres"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'pooler_store%'")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Starts PgBouncer in the foreground (as user postgres when we are root) and waits for its port. */
  private static Process start(Path ini) throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    List<String> command = root ? List.of("runuser", "-u", "postgres", "--", PGBOUNCER.toString(), ini.toString())
        : List.of(PGBOUNCER.toString(), ini.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ini.resolveSibling("stdout.txt").toFile()).start();
    String text = Files.readString(ini);
    int port = Integer.parseInt(text.replaceAll("(?s).*listen_port = (\\d+).*", "$1"));
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return process;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(50);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("pgbouncer did not start: " + Files.readString(ini.resolveSibling("stdout.txt")));
  }

  /** Stops PgBouncer by its pid file (SIGTERM: immediate shutdown), then the wrapper process. */
  private static void stop(Process process, Path dir) throws Exception {
    Path pidFile = dir.resolve("pgbouncer.pid");
    if (Files.exists(pidFile)) {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

package io.querydoctor.postgres.health.sessions;

import static io.querydoctor.postgres.health.HealthProbe.execute;
import static io.querydoctor.postgres.health.HealthProbe.findings;
import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.postgres.health.HealthProbe;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Real sessions on the embedded server: one idle in a transaction holding a row lock, one waiting for it. */
@ExtendWith(EmbeddedPostgresExtension.class)
class SessionHealthIT {

  /** Short thresholds so the test waits about two seconds instead of the default 30 s. */
  private static final Map<String, String> FAST = Map.of(
      "idle-in-transaction", "1s", "lock-wait", "1s", "long-running-query", "1s");

  private static final ExecutorService THREADS = Executors.newCachedThreadPool();

  @BeforeAll
  static void createTable(TestDatabase db) throws SQLException {
    execute(db, "CREATE TABLE accounts (id bigint PRIMARY KEY, balance numeric NOT NULL)",
        "INSERT INTO accounts VALUES (1, 100), (2, 200)");
  }

  @AfterAll
  static void stopThreads() {
    THREADS.shutdownNow();
  }

  @Test
  void idleTransactionHoldingALockAndTheSessionItBlocks(TestDatabase db) throws Exception {
    try (Connection holder = db.connect(); Connection waiter = db.connect()) {
      long holderPid = pid(holder);
      long waiterPid = pid(waiter);
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.executeUpdate("UPDATE accounts SET balance = balance - 10 WHERE id = 1");
      }
      Future<?> blocked = THREADS.submit(() -> {
        try (Statement s = waiter.createStatement()) {
          s.executeUpdate("UPDATE accounts SET balance = balance + 10 WHERE id = 1");
        }
        return null;
      });
      Thread.sleep(2_200);

      DiagnosisResults results = HealthProbe.run(db, FAST);

      Finding idle = findings(results, "idle-in-transaction", Long.toString(holderPid)).get(0);
      assertThat(idle.severity()).isEqualTo(Severity.HIGH);
      assertThat(idle.fix().sql()).startsWith("SELECT pg_terminate_backend(" + holderPid + ");");
      Finding lock = findings(results, "lock-contention", Long.toString(waiterPid)).get(0);
      assertThat(lock.title()).contains("blocked by session " + holderPid).contains("a row of accounts");
      assertThat(lock.detail()).contains("UPDATE accounts SET balance = balance - ? WHERE id = ?");
      assertThat(lock.fix().sql()).isEqualTo("SELECT pg_terminate_backend(" + holderPid + ");");
      assertThat(lock.evidence().get(0).value()).isGreaterThanOrEqualTo(1.0);

      holder.rollback();
      blocked.get(10, TimeUnit.SECONDS);
    }
    DiagnosisResults after = HealthProbe.run(db, FAST);
    assertThat(findings(after, "idle-in-transaction")).isEmpty();
    assertThat(findings(after, "lock-contention")).isEmpty();
  }

  @Test
  void statementRunningPastTheThresholdIsLongRunning(TestDatabase db) throws Exception {
    try (Connection sleeper = db.connect()) {
      long pid = pid(sleeper);
      CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> {
        try (Statement s = sleeper.createStatement()) {
          s.execute("SELECT pg_sleep(4)");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }, THREADS);
      Thread.sleep(1_500);
      DiagnosisResults results = HealthProbe.run(db, FAST);
      assertThat(findings(results, "long-running-query", Long.toString(pid))).singleElement()
          .satisfies(f -> assertThat(f.fix().sql()).isEqualTo("SELECT pg_cancel_backend(" + pid + ");"));
      assertThat(findings(HealthProbe.run(db), "long-running-query")).as("default threshold 60 s").isEmpty();
      sleeping.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void connectionsNearMaxConnectionsAreSaturation(TestDatabase db) throws Exception {
    // The embedded server runs with max_connections = 50 and 3 reserved: 47 usable, 80 % is 37.6.
    assertThat(findings(HealthProbe.run(db), "connection-saturation")).isEmpty();
    List<Connection> opened = new ArrayList<>();
    try {
      for (int i = 0; i < 38; i++) {
        opened.add(db.connect());
      }
      DiagnosisResults results = HealthProbe.run(db);
      assertThat(findings(results, "connection-saturation", "max_connections")).singleElement()
          .satisfies(f -> assertThat(f.evidence().get(0).value()).isGreaterThanOrEqualTo(0.8));
    } finally {
      for (Connection c : opened) {
        c.close();
      }
    }
  }

  private static long pid(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

package io.querydoctor.mysql.health.sessions;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.mysql.MySqlTarget;
import io.querydoctor.mysql.MySqlThresholds;
import io.querydoctor.mysql.health.MySqlHealthCheck;
import io.querydoctor.mysql.health.StatementText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * lock-contention: InnoDB row-lock waits with the session that blocks them and its statement. The sys schema's
 * {@code innodb_lock_waits} reads the lock views of either server (information_schema on MariaDB,
 * performance_schema.data_lock_waits on MySQL 8). A blocker that sits idle in its transaction has no current
 * statement there: its last one comes from performance_schema's {@code events_statements_current}, which keeps
 * each thread's latest statement.
 */
public final class LockWaitCheck implements MySqlHealthCheck {

  static final String SQL = """
      SELECT w.wait_age_secs, w.locked_table, w.locked_index, w.waiting_pid, w.waiting_query,
             w.blocking_pid, w.blocking_query, w.blocking_trx_age
      FROM sys.x$innodb_lock_waits w
      ORDER BY w.wait_age_secs DESC
      """;

  static final String LAST_STATEMENT_SQL = """
      SELECT e.SQL_TEXT FROM performance_schema.threads t
      JOIN performance_schema.events_statements_current e ON e.THREAD_ID = t.THREAD_ID
      WHERE t.PROCESSLIST_ID = ? AND e.SQL_TEXT IS NOT NULL
      ORDER BY e.EVENT_ID DESC
      """;

  /** One waiting session and the one blocking it; {@code blockingStatement} is its current or last statement. */
  public record Row(long waitSeconds, String table, String index, long waitingPid, String waitingStatement,
      long blockingPid, String blockingStatement, boolean blockingIdle, String blockingTrxAge) {
    static Row map(ResultSet rs) throws SQLException {
      String blocking = rs.getString(7);
      return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
          rs.getLong(6), blocking, blocking == null, rs.getString(8));
    }

    Row withBlockingStatement(String statement) {
      return new Row(waitSeconds, table, index, waitingPid, waitingStatement, blockingPid, statement, blockingIdle,
          blockingTrxAge);
    }
  }

  @Override
  public String name() {
    return "lock waits";
  }

  @Override
  public void run(MySqlTarget target, MySqlThresholds thresholds, DiagnosisResults results) throws SQLException {
    List<Row> rows = new ArrayList<>();
    for (Row row : target.executor().query(SQL, Row::map)) {
      if (row.blockingStatement() == null) {
        List<String> last = lastStatement(target, row.blockingPid());
        row = row.withBlockingStatement(last.isEmpty() ? null : last.get(0));
      }
      rows.add(row);
    }
    results.addAll(findings(rows, thresholds));
  }

  private static List<String> lastStatement(MySqlTarget target, long pid) {
    try {
      return target.executor().query(LAST_STATEMENT_SQL, rs -> rs.getString(1), pid);
    } catch (SQLException e) {
      // Without performance_schema the blocker's last statement is unknown; the wait itself is still reported.
      return List.of();
    }
  }

  static List<Finding> findings(List<Row> rows, MySqlThresholds thresholds) {
    List<Finding> findings = new ArrayList<>();
    for (Row row : rows) {
      if (row.waitSeconds() * 1000 < thresholds.lockWait().toMillis()) {
        continue;
      }
      String blocker = StatementText.preview(row.blockingStatement(), "(statement unknown)");
      findings.add(Finding.builder("lock-contention", Severity.HIGH)
          .title("Session " + row.waitingPid() + " has waited " + row.waitSeconds() + " s for a row lock on "
              + row.table() + " held by session " + row.blockingPid())
          .subject(Subject.session(row.waitingPid()))
          .concerns(Subject.session(row.blockingPid()))
          .detail("Waiting: " + StatementText.preview(row.waitingStatement(), "(statement unknown)") + ". Blocked by "
              + "session " + row.blockingPid() + (row.blockingIdle()
                  ? ", idle in its transaction (open " + row.blockingTrxAge() + "); its last statement: "
                  : ", running: ") + blocker + (row.index() == null ? "" : " (lock on index " + row.index() + ")")
              + ".")
          .evidence(Evidence.crossed("lock_wait", row.waitSeconds(), "s", thresholds.lockWait().toSeconds()))
          .impact(new Impact(row.waitSeconds() * 1000.0, "session " + row.waitingPid() + " blocked for " + row.waitSeconds() + " s so far"))
          .fix(Fix.action("Keep the blocking transaction short: take row locks (UPDATE, SELECT … FOR UPDATE) last and "
              + "commit before slow work. To release the waiters now: KILL " + row.blockingPid() + "."))
          .build());
    }
    return findings;
  }
}

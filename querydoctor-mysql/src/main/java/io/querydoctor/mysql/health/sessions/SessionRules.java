package io.querydoctor.mysql.health.sessions;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.mysql.MySqlThresholds;
import io.querydoctor.mysql.health.StatementText;
import java.util.ArrayList;
import java.util.List;

/**
 * idle-in-transaction (a session idle inside an open InnoDB transaction: it holds its row locks and stops purge
 * from removing old row versions) and long-running-query (a statement running past the threshold).
 */
final class SessionRules {

  private SessionRules() {}

  static List<Finding> findings(List<SessionCheck.Row> rows, MySqlThresholds thresholds) {
    List<Finding> findings = new ArrayList<>();
    for (SessionCheck.Row row : rows) {
      if (row.idle() && row.inTransaction() && row.trxSeconds() * 1000 >= thresholds.idleInTransaction().toMillis()) {
        findings.add(idle(row, thresholds));
      } else if ("Query".equalsIgnoreCase(row.command())
          && row.seconds() * 1000 >= thresholds.longRunningQuery().toMillis()) {
        findings.add(running(row, thresholds));
      }
    }
    return findings;
  }

  private static Finding idle(SessionCheck.Row row, MySqlThresholds thresholds) {
    return Finding.builder("idle-in-transaction", row.rowsLocked() > 0 ? Severity.HIGH : Severity.MEDIUM)
        .title("Session " + row.id() + " (" + row.user() + ") sits idle in a transaction open for "
            + row.trxSeconds() + " s")
        .subject(Subject.session(row.id()))
        .detail("Its transaction started " + row.trxSeconds() + " s ago and the session has been idle for "
            + row.seconds() + " s, holding " + row.rowsLocked() + " row locks; purge cannot remove row versions "
            + "older than it. The application opened a transaction and did slow work (or forgot to commit).")
        .evidence(Evidence.crossed("transaction_age", row.trxSeconds(), "s", thresholds.idleInTransaction().toSeconds()))
        .evidence(Evidence.of("rows_locked", row.rowsLocked(), "rows"))
        .evidence(Evidence.of("rows_modified", row.rowsModified(), "rows"))
        .impact(Impact.unknown("holds " + row.rowsLocked() + " row locks and the purge horizon for " + row.trxSeconds() + " s"))
        .fix(Fix.action("Commit before slow work (remote calls, file I/O) and keep transactions to the statements "
            + "that need them; end this one with KILL " + row.id() + " if it is stuck."))
        .build();
  }

  private static Finding running(SessionCheck.Row row, MySqlThresholds thresholds) {
    return Finding.builder("long-running-query", Severity.MEDIUM)
        .title("Session " + row.id() + " has run one statement for " + row.seconds() + " s")
        .subject(Subject.session(row.id()))
        .detail("Running: " + StatementText.preview(row.statement(), "(statement not shown)") + ".")
        .evidence(Evidence.crossed("running", row.seconds(), "s", thresholds.longRunningQuery().toSeconds()))
        .impact(new Impact(row.seconds() * 1000.0, "one statement running for " + row.seconds() + " s so far"))
        .fix(Fix.action("Explain the statement (querydoctor explain) and bound it with max_statement_time "
            + "(MariaDB) or max_execution_time (MySQL); stop it with KILL QUERY " + row.id() + " if needed."))
        .build();
  }
}

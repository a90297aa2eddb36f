package io.querydoctor.postgres.health.sessions;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.postgres.health.HealthRule;
import io.querydoctor.postgres.health.HealthThresholds;
import io.querydoctor.postgres.health.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * idle-in-transaction: a session sits inside an open transaction doing nothing. It keeps its locks, and
 * its snapshot stops VACUUM from removing dead rows anywhere in the database (runbook 004: locks held during
 * slow work).
 */
public final class IdleInTransactionRule implements HealthRule<SessionActivityCheck.Row> {

  private final HealthThresholds thresholds;

  public IdleInTransactionRule(HealthThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public List<Finding> evaluate(List<SessionActivityCheck.Row> rows) {
    double minSeconds = thresholds.idleInTransaction().toMillis() / 1000.0;
    List<Finding> findings = new ArrayList<>();
    for (SessionActivityCheck.Row session : rows) {
      if (session.idleInTransaction() && session.stateSeconds() >= minSeconds) {
        findings.add(finding(session, minSeconds));
      }
    }
    return findings;
  }

  private static Finding finding(SessionActivityCheck.Row session, double minSeconds) {
    String idle = Quantities.format(session.stateSeconds(), "s");
    return Finding.builder("idle-in-transaction", session.locksHeld() > 0 ? Severity.HIGH : Severity.MEDIUM)
        .title("Session " + session.pid() + " (" + session.user() + "@" + session.database() + ") has been idle in a "
            + "transaction for " + idle + ", holding " + session.locksHeld() + " locks")
        .subject(Subject.session(session.pid()))
        .detail("Application '" + session.application() + "'" + (session.client().isEmpty() ? "" : " from "
            + session.client()) + " opened a transaction " + Quantities.format(session.transactionSeconds(), "s")
            + " ago and has sent nothing for " + idle + "; last statement: " + StatementPreview.of(session.statement())
            + ". Its locks block other sessions and its snapshot holds back VACUUM.")
        .evidence(Evidence.crossed("idle_seconds", session.stateSeconds(), "s", minSeconds))
        .evidence(Evidence.of("transaction_seconds", session.transactionSeconds(), "s"))
        .evidence(Evidence.of("locks_held", session.locksHeld(), "count"))
        .impact(Impact.unknown("holds " + session.locksHeld() + " locks and the VACUUM horizon for " + idle))
        .fix(Fix.sql("Find the code path that leaves the transaction open (commit or roll back before slow work). "
            + "To end this session now, run the statement below yourself (QueryDoctor never runs it); as a guard, "
            + "set idle_in_transaction_session_timeout for the application's role.",
            "SELECT pg_terminate_backend(" + session.pid() + ");\n"
                + "ALTER ROLE " + QualifiedName.quote(session.user())
                + " SET idle_in_transaction_session_timeout = '60s';"))
        .build();
  }
}

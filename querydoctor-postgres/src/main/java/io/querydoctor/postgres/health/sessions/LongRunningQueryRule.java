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
import java.util.ArrayList;
import java.util.List;

/** long-running-query: a statement has been active longer than the threshold. */
public final class LongRunningQueryRule implements HealthRule<SessionActivityCheck.Row> {

  private final HealthThresholds thresholds;

  public LongRunningQueryRule(HealthThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public List<Finding> evaluate(List<SessionActivityCheck.Row> rows) {
    double minSeconds = thresholds.longRunningQuery().toMillis() / 1000.0;
    List<Finding> findings = new ArrayList<>();
    for (SessionActivityCheck.Row session : rows) {
      if (session.state().equals("active") && session.statementSeconds() >= minSeconds) {
        findings.add(finding(session, minSeconds));
      }
    }
    return findings;
  }

  private static Finding finding(SessionActivityCheck.Row session, double minSeconds) {
    String running = Quantities.format(session.statementSeconds(), "s");
    String statement = StatementPreview.of(session.statement());
    return Finding.builder("long-running-query", Severity.MEDIUM)
        .title("Session " + session.pid() + " has been running one statement for " + running)
        .subject(Subject.session(session.pid()))
        .detail(session.user() + "@" + session.database() + " ('" + session.application() + "')"
            + (session.waitEventType().isEmpty() ? "" : ", waiting on " + session.waitEventType()) + ": " + statement)
        .evidence(Evidence.crossed("statement_seconds", session.statementSeconds(), "s", minSeconds))
        .evidence(Evidence.of("locks_held", session.locksHeld(), "count"))
        .impact(new Impact(session.statementSeconds() * 1000.0,
            "one statement running for " + running + " so far"))
        .fix(Fix.sql("Look at its plan (EXPLAIN the statement) for the slow step; set statement_timeout for the "
            + "role so a runaway query cannot hold resources for ever. To stop it now, run the cancel yourself "
            + "(QueryDoctor never runs it).",
            "SELECT pg_cancel_backend(" + session.pid() + ");"))
        .build();
  }
}

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * lock-contention: a session has waited for a lock longer than the threshold. One finding per waiting
 * session, naming the first session that blocks it (the query orders blockers by pid), what it holds and its
 * statement, so that the reader knows whom to look at.
 */
public final class LockContentionRule implements HealthRule<LockWaitCheck.Row> {

  private final HealthThresholds thresholds;

  public LockContentionRule(HealthThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public List<Finding> evaluate(List<LockWaitCheck.Row> rows) {
    double minSeconds = thresholds.lockWait().toMillis() / 1000.0;
    Set<Long> reported = new LinkedHashSet<>();
    List<Finding> findings = new ArrayList<>();
    for (LockWaitCheck.Row wait : rows) {
      if (wait.waitSeconds() >= minSeconds && reported.add(wait.blockedPid())) {
        findings.add(finding(wait, minSeconds));
      }
    }
    return findings;
  }

  private static Finding finding(LockWaitCheck.Row wait, double minSeconds) {
    String waited = Quantities.format(wait.waitSeconds(), "s");
    boolean blockerIdle = wait.blockingState().startsWith("idle in transaction");
    String action = blockerIdle ? "pg_terminate_backend" : "pg_cancel_backend";
    return Finding.builder("lock-contention", Severity.HIGH)
        .title("Session " + wait.blockedPid() + " has waited " + waited + " for a " + wait.lockMode() + " on "
            + wait.lockedObject() + ", blocked by session " + wait.blockingPid())
        .subject(Subject.session(wait.blockedPid()))
        .concerns(Subject.session(wait.blockingPid()))
        .concerns(lockedTables(wait.lockedObject()))
        .detail("Blocked statement: " + StatementPreview.of(wait.blockedStatement()) + ". Blocking session "
            + wait.blockingPid() + " is " + wait.blockingState() + ", in a transaction open for "
            + Quantities.format(wait.blockingTransactionSeconds(), "s") + "; its last statement: "
            + StatementPreview.of(wait.blockingStatement()) + ".")
        .evidence(Evidence.crossed("wait_seconds", wait.waitSeconds(), "s", minSeconds))
        .evidence(Evidence.of("blocking_pid", wait.blockingPid(), "count"))
        .evidence(Evidence.of("blocking_transaction_seconds", wait.blockingTransactionSeconds(), "s"))
        .impact(new Impact(wait.waitSeconds() * 1000, "session " + wait.blockedPid() + " blocked for " + waited
            + " so far"))
        .fix(Fix.sql("Keep transactions that take row locks short (no slow work between the first write and "
            + "COMMIT). To release the wait now, run the statement below yourself (QueryDoctor never runs it); "
            + (blockerIdle ? "the blocker is idle, so only ending its session releases the locks."
                : "cancelling the blocker's statement rolls back its transaction."),
            "SELECT " + action + "(" + wait.blockingPid() + ");"))
        .build();
  }

  /**
   * The tables behind the locked object, so that this finding merges with the long transaction holding them:
   * a relation name as is, or the tables named in {@code transactionid (a row of orders, items)}.
   */
  static List<Subject> lockedTables(String lockedObject) {
    int rowOf = lockedObject.indexOf("(a row of ");
    if (rowOf >= 0) {
      String names = lockedObject.substring(rowOf + "(a row of ".length()).replace(")", "");
      return java.util.Arrays.stream(names.split(",")).map(String::strip).filter(n -> !n.isEmpty())
          .map(Subject::table).toList();
    }
    return lockedObject.isBlank() || lockedObject.contains(" ") ? List.of() : List.of(Subject.table(lockedObject));
  }
}

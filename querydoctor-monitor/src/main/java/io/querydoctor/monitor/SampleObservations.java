package io.querydoctor.monitor;

import io.querydoctor.core.finding.Subject;
import io.querydoctor.monitor.alert.Observations;
import io.querydoctor.monitor.sample.Activity;
import io.querydoctor.monitor.sample.Sample;
import io.querydoctor.monitor.sample.StatementCounters;
import java.util.List;

/**
 * The database-level observations of one sample. Ratios need enough traffic in the interval to mean anything
 * (a hit ratio over 12 blocks is noise), so below the minimum they are left unobserved rather than reported.
 */
final class SampleObservations {

  static final long MIN_BLOCKS_FOR_HIT_RATIO = 1_000;
  static final long MIN_TRANSACTIONS_FOR_ROLLBACK_RATIO = 100;
  /** Per-fingerprint rules look at the statements with the most time in the interval only. */
  static final int TOP_STATEMENTS = 50;

  private SampleObservations() {
  }

  static Observations of(Sample sample, String database) {
    Observations observations = new Observations();
    Subject db = Subject.database(database);
    observations.put(Observations.TARGET_UP, db, sample.ok() ? 1 : 0);
    if (!sample.ok()) {
      return observations;
    }
    Activity a = sample.activity();
    observations.put(Observations.CONNECTIONS_USED_RATIO, Subject.setting("max_connections"),
        a.connectionsUsedRatio());
    observations.put(Observations.IDLE_IN_TRANSACTION_SECONDS, db, a.longestIdleInTransactionSeconds());
    observations.put(Observations.LONGEST_QUERY_SECONDS, db, a.longestQuerySeconds());
    observations.put(Observations.LOCK_WAIT_SECONDS, db, a.longestLockWaitSeconds());
    if (a.replicationLagSeconds() != null) {
      observations.put(Observations.REPLICATION_LAG_SECONDS, db, a.replicationLagSeconds());
    }
    if (sample.deltas() == null) {
      return observations;
    }
    Double hit = sample.deltas().cacheHitRatio(MIN_BLOCKS_FOR_HIT_RATIO);
    if (hit != null) {
      observations.put(Observations.CACHE_HIT_RATIO, db, hit);
    }
    Double rollback = sample.rollbackRatio(MIN_TRANSACTIONS_FOR_ROLLBACK_RATIO);
    if (rollback != null) {
      observations.put(Observations.ROLLBACK_RATIO, db, rollback);
    }
    observations.complete(Observations.STATEMENT_MEAN_MS);
    for (StatementCounters s : topStatements(sample)) {
      observations.put(Observations.STATEMENT_MEAN_MS, fingerprint(s), s.meanExecMs());
    }
    return observations;
  }

  static List<StatementCounters> topStatements(Sample sample) {
    List<StatementCounters> statements = sample.deltas().statements();
    return statements.subList(0, Math.min(TOP_STATEMENTS, statements.size()));
  }

  /**
   * Heavy-check findings as observations: per finding (subject = its {@code rule:subject} key, so two rules on one
   * table are two alerts) its severity rank, with its title and fix as the alert's detail. The list is complete:
   * an alert whose finding is no longer reported resolves.
   */
  static void addFindings(Observations observations, java.util.List<io.querydoctor.core.finding.Finding> findings) {
    observations.complete(Observations.FINDING_SEVERITY);
    for (io.querydoctor.core.finding.Finding f : findings) {
      String fix = f.fix().summary() + (f.fix().sql() == null ? "" : " " + f.fix().sql());
      observations.put(Observations.FINDING_SEVERITY, new Subject(f.subject().kind(), f.key()),
          4 - f.severity().ordinal(), f.title() + ". Fix: " + fix);
    }
  }

  static Subject fingerprint(StatementCounters statement) {
    return Subject.fingerprint(Long.toString(statement.queryid()));
  }
}

package io.querydoctor.postgres.health.maintenance;

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
 * xid-wraparound-risk: a database or table whose oldest unfrozen transaction id is far into the 2^31
 * horizon. At about 2^31 − 3 M PostgreSQL refuses new transactions to protect the data: an outage.
 */
public final class XidWraparoundRule implements HealthRule<TransactionIdAgeCheck.Row> {

  /** Transaction ids are compared modulo 2^32, so half of that is the usable horizon. */
  static final long HORIZON = 1L << 31;

  /** From this share of the horizon on, the risk is an outage soon. */
  private static final double CRITICAL_FRACTION = 0.75;

  /** Finds what holds back the freeze horizon: old transactions, prepared transactions, replication slots. */
  private static final String WHAT_HOLDS_IT_BACK = """
      SELECT 'session' AS kind, pid::text AS id, age(backend_xmin) AS xmin_age FROM pg_stat_activity
       WHERE backend_xmin IS NOT NULL
      UNION ALL SELECT 'prepared', gid, age(transaction) FROM pg_prepared_xacts
      UNION ALL SELECT 'slot', slot_name, age(xmin) FROM pg_replication_slots WHERE xmin IS NOT NULL
      ORDER BY xmin_age DESC LIMIT 10;""";

  private final HealthThresholds thresholds;

  public XidWraparoundRule(HealthThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public List<Finding> evaluate(List<TransactionIdAgeCheck.Row> rows) {
    List<Finding> findings = new ArrayList<>();
    for (TransactionIdAgeCheck.Row row : rows) {
      double fraction = (double) row.xidAge() / HORIZON;
      if (fraction >= thresholds.xidWraparoundFraction()) {
        findings.add(finding(row, fraction));
      }
    }
    return findings;
  }

  private Finding finding(TransactionIdAgeCheck.Row row, double fraction) {
    QualifiedName table = row.isTable() ? new QualifiedName(row.schema(), row.table()) : null;
    String what = table == null ? "Database " + row.database() : "Table " + table;
    Fix fix = table == null
        ? Fix.sql("Connect to " + row.database() + " and VACUUM (FREEZE) its oldest tables; first end whatever holds "
            + "the horizon back (the query lists old sessions, prepared transactions and replication slots).",
            WHAT_HOLDS_IT_BACK)
        : Fix.sql("Freeze the table now; if the age does not drop, something holds the horizon back "
            + "(old sessions, prepared transactions, replication slots).",
            "VACUUM (FREEZE, VERBOSE) " + table.sql() + ";");
    return Finding.builder("xid-wraparound-risk", fraction >= CRITICAL_FRACTION ? Severity.CRITICAL : Severity.HIGH)
        .title(what + " has used " + Quantities.format(fraction, "ratio") + " of the transaction-id horizon")
        .subject(table == null ? Subject.database(row.database()) : Subject.table(table.toString()))
        .detail("Its oldest unfrozen transaction id is " + Quantities.number(row.xidAge()) + " transactions old; "
            + "autovacuum forces a freeze from " + Quantities.number(row.freezeMaxAge()) + " and PostgreSQL stops "
            + "accepting writes near " + Quantities.number(HORIZON) + ".")
        .evidence(Evidence.crossed("xid_horizon_used", fraction, "ratio", thresholds.xidWraparoundFraction()))
        .evidence(Evidence.of("xid_age", row.xidAge(), "count"))
        .evidence(Evidence.of("autovacuum_freeze_max_age", row.freezeMaxAge(), "count"))
        .impact(Impact.unknown("outage risk: writes stop at the horizon"))
        .fix(fix)
        .build();
  }
}

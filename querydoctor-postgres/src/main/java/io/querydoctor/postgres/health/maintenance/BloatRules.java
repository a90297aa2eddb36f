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
 * table-bloat and index-bloat: wasted space past both thresholds (share and bytes), estimated from planner
 * statistics by default or measured with pgstattuple when the user asks for exact figures.
 */
public final class BloatRules {

  private static final String ESTIMATED = "Estimated from planner statistics (pg_class, pg_stats)";
  private static final String MEASURED = "Measured with pgstattuple";

  private BloatRules() {}

  /** table-bloat over {@link TableBloatCheck} rows. */
  public static HealthRule<TableBloatCheck.Row> tables(HealthThresholds thresholds) {
    return rows -> {
      List<Finding> findings = new ArrayList<>();
      for (TableBloatCheck.Row row : rows) {
        BloatEstimate.Result estimate = row.estimate();
        long bytes = row.pages() * (long) row.blockSize();
        if (crosses(estimate.wastedRatio(), estimate.wastedBytes(), thresholds)) {
          findings.add(table(row.table(), estimate.wastedRatio(), estimate.wastedBytes(), bytes, ESTIMATED, thresholds));
        }
      }
      return findings;
    };
  }

  /** index-bloat over {@link IndexBloatCheck} rows. */
  public static HealthRule<IndexBloatCheck.Row> indexes(HealthThresholds thresholds) {
    return rows -> {
      List<Finding> findings = new ArrayList<>();
      for (IndexBloatCheck.Row row : rows) {
        BloatEstimate.Result estimate = row.estimate();
        long bytes = row.pages() * (long) row.blockSize();
        if (crosses(estimate.wastedRatio(), estimate.wastedBytes(), thresholds)) {
          findings.add(index(row.index(), "Index " + row.index() + " on " + row.table(), estimate.wastedRatio(),
              estimate.wastedBytes(), bytes, ESTIMATED, thresholds));
        }
      }
      return findings;
    };
  }

  /** table-bloat and index-bloat over measured {@link ExactBloatCheck} rows. */
  public static HealthRule<ExactBloatCheck.Row> measured(HealthThresholds thresholds) {
    return rows -> {
      List<Finding> findings = new ArrayList<>();
      for (ExactBloatCheck.Row row : rows) {
        if (!crosses(row.wastedRatio(), row.wastedBytes(), thresholds)) {
          continue;
        }
        findings.add(row.index()
            ? index(row.relation(), "Index " + row.relation(), row.wastedRatio(), row.wastedBytes(), row.bytes(),
                MEASURED, thresholds)
            : table(row.relation(), row.wastedRatio(), row.wastedBytes(), row.bytes(), MEASURED, thresholds));
      }
      return findings;
    };
  }

  private static boolean crosses(double ratio, long wastedBytes, HealthThresholds thresholds) {
    return ratio >= thresholds.bloatMinRatio() && wastedBytes >= thresholds.bloatMinBytes();
  }

  private static Finding table(QualifiedName table, double ratio, long wasted, long bytes, String basis,
      HealthThresholds thresholds) {
    return finding("table-bloat", "Table " + table, Subject.table(table.toString()), ratio, wasted, bytes, basis,
        thresholds)
        .fix(Fix.sql("Rewrite the table compactly. VACUUM FULL holds an ACCESS EXCLUSIVE lock for the whole "
            + "rewrite; on a busy table use pg_repack instead. Plain VACUUM only makes the space reusable.",
            "VACUUM (FULL, ANALYZE, VERBOSE) " + table.sql() + ";"))
        .build();
  }

  private static Finding index(QualifiedName index, String what, double ratio, long wasted, long bytes, String basis,
      HealthThresholds thresholds) {
    return finding("index-bloat", what, Subject.index(index.toString()), ratio, wasted, bytes, basis, thresholds)
        .fix(Fix.sql("Rebuild the index without blocking writes (PostgreSQL 12+; outside a transaction block). "
            + "It needs room for a second copy while it runs.",
            "REINDEX INDEX CONCURRENTLY " + index.sql() + ";"))
        .build();
  }

  private static Finding.Builder finding(String ruleId, String what, Subject subject, double ratio, long wasted,
      long bytes, String basis, HealthThresholds thresholds) {
    return Finding.builder(ruleId, Severity.MEDIUM)
        .title(what + " is about " + Quantities.format(ratio, "ratio") + " bloat (" + Quantities.bytes(wasted)
            + " wasted)")
        .subject(subject)
        .detail(basis + ": a packed copy would take about " + Quantities.bytes(bytes - wasted) + " of the "
            + Quantities.bytes(bytes) + " it takes now. Scans read the empty space too, and it crowds the cache.")
        .evidence(Evidence.crossed("wasted_ratio", ratio, "ratio", thresholds.bloatMinRatio()))
        .evidence(Evidence.crossed("wasted_bytes", wasted, "bytes", thresholds.bloatMinBytes()))
        .evidence(Evidence.of("relation_bytes", bytes, "bytes"))
        .impact(Impact.unknown(Quantities.bytes(wasted) + " read by every full scan for nothing"));
  }
}

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
import java.util.ArrayList;
import java.util.List;

/** table-bloat and index-bloat: estimated wasted space past both thresholds (share and bytes). */
public final class BloatRules {

  private BloatRules() {}

  /** table-bloat over {@link TableBloatCheck} rows. */
  public static HealthRule<TableBloatCheck.Row> tables(HealthThresholds thresholds) {
    return rows -> {
      List<Finding> findings = new ArrayList<>();
      for (TableBloatCheck.Row row : rows) {
        BloatEstimate.Result estimate = row.estimate();
        if (crosses(estimate, thresholds)) {
          String table = row.table().sql();
          findings.add(finding("table-bloat", "Table " + row.table(), Subject.table(row.table().toString()),
              estimate, row.pages() * (long) row.blockSize(), thresholds)
              .fix(Fix.sql("Rewrite the table compactly. VACUUM FULL holds an ACCESS EXCLUSIVE lock for the whole "
                  + "rewrite; on a busy table use pg_repack instead. Plain VACUUM only makes the space reusable.",
                  "VACUUM (FULL, ANALYZE, VERBOSE) " + table + ";"))
              .build());
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
        if (crosses(estimate, thresholds)) {
          findings.add(finding("index-bloat", "Index " + row.index() + " on " + row.table(),
              Subject.index(row.index().toString()), estimate, row.pages() * (long) row.blockSize(), thresholds)
              .fix(Fix.sql("Rebuild the index without blocking writes (PostgreSQL 12+; outside a transaction "
                  + "block). It needs room for a second copy while it runs.",
                  "REINDEX INDEX CONCURRENTLY " + row.index().sql() + ";"))
              .build());
        }
      }
      return findings;
    };
  }

  private static boolean crosses(BloatEstimate.Result estimate, HealthThresholds thresholds) {
    return estimate.wastedRatio() >= thresholds.bloatMinRatio() && estimate.wastedBytes() >= thresholds.bloatMinBytes();
  }

  private static Finding.Builder finding(String ruleId, String what, Subject subject, BloatEstimate.Result estimate,
      long bytes, HealthThresholds thresholds) {
    return Finding.builder(ruleId, Severity.MEDIUM)
        .title(what + " is about " + Quantities.format(estimate.wastedRatio(), "ratio") + " bloat ("
            + Quantities.bytes(estimate.wastedBytes()) + " wasted)")
        .subject(subject)
        .detail("Estimated from planner statistics (pg_class, pg_stats): a packed copy would take about "
            + Quantities.bytes(bytes - estimate.wastedBytes()) + " of the " + Quantities.bytes(bytes)
            + " it takes now. Scans read the empty space too, and it crowds the cache.")
        .evidence(Evidence.crossed("wasted_ratio", estimate.wastedRatio(), "ratio", thresholds.bloatMinRatio()))
        .evidence(Evidence.crossed("wasted_bytes", estimate.wastedBytes(), "bytes", thresholds.bloatMinBytes()))
        .evidence(Evidence.of("relation_bytes", bytes, "bytes"))
        .impact(Impact.unknown(Quantities.bytes(estimate.wastedBytes()) + " read by every full scan for nothing"));
  }
}

package io.querydoctor.postgres.health.indexes;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.postgres.health.HealthRule;
import io.querydoctor.postgres.health.HealthThresholds;
import io.querydoctor.postgres.health.ScanCost;
import io.querydoctor.postgres.health.maintenance.TableActivityCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * low-index-usage: a large table read mostly by sequential scans. Usually a filter without an index, a
 * non-sargable predicate, or an index the planner cannot use; the queries themselves are in
 * pg_stat_statements.
 */
public final class LowIndexUsageRule implements HealthRule<TableActivityCheck.Row> {

  private final HealthThresholds thresholds;

  public LowIndexUsageRule(HealthThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public List<Finding> evaluate(List<TableActivityCheck.Row> rows) {
    List<Finding> findings = new ArrayList<>();
    for (TableActivityCheck.Row row : rows) {
      long scans = row.seqScans() + row.indexScans();
      if (row.rows() < thresholds.indexUsageMinRows() || row.seqScans() < thresholds.indexUsageMinSeqScans()) {
        continue;
      }
      double ratio = (double) row.indexScans() / scans;
      if (ratio < thresholds.indexUsageRatio()) {
        findings.add(finding(row, ratio));
      }
    }
    return findings;
  }

  private Finding finding(TableActivityCheck.Row row, double ratio) {
    String table = row.table().toString();
    return Finding.builder("low-index-usage", Severity.MEDIUM)
        .title("Table " + table + " (" + Quantities.number(row.rows()) + " rows) is read by sequential scans "
            + Quantities.format(1 - ratio, "ratio") + " of the time")
        .subject(Subject.table(table))
        .detail(Quantities.number(row.seqScans()) + " sequential scans against " + Quantities.number(row.indexScans())
            + " index scans since the statistics reset " + Quantities.format(row.statsAgeSeconds(), "s") + " ago.")
        .evidence(Evidence.crossed("index_scan_ratio", ratio, "ratio", thresholds.indexUsageRatio()))
        .evidence(Evidence.of("seq_scans", row.seqScans(), "count"))
        .evidence(Evidence.of("index_scans", row.indexScans(), "count"))
        .evidence(Evidence.of("table_rows", row.rows(), "rows"))
        .impact(ScanCost.of(row.seqScans(), row.pages(), row.statsAgeSeconds(), "sequential scans"))
        .fix(Fix.sql("Find the statements that scan " + table + " and index their filter columns "
            + "(`querydoctor advise` proposes the index); the query below lists the heaviest candidates.",
            "SELECT calls, round(total_exec_time) AS total_ms, query FROM pg_stat_statements\n"
                + " WHERE query ILIKE '%" + row.table().name().replace("'", "''") + "%'\n"
                + " ORDER BY total_exec_time DESC LIMIT 10;"))
        .build();
  }
}

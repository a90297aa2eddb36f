package io.querydoctor.postgres.health.indexes;

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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * over-indexed-table: a table with more indexes than the threshold, or a write-heavy table (row writes far
 * above the scans that read it) with several indexes. Each index multiplies the cost of an INSERT and of any
 * UPDATE that is not HOT.
 */
public final class OverIndexedTableRule implements HealthRule<IndexCatalogCheck.Row> {

  /** How many of the least-scanned indexes the fix names as candidates to review. */
  private static final int CANDIDATES = 3;

  private final HealthThresholds thresholds;

  public OverIndexedTableRule(HealthThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public List<Finding> evaluate(List<IndexCatalogCheck.Row> rows) {
    Map<QualifiedName, List<IndexCatalogCheck.Row>> byTable = new LinkedHashMap<>();
    rows.forEach(row -> byTable.computeIfAbsent(row.table(), k -> new ArrayList<>()).add(row));
    List<Finding> findings = new ArrayList<>();
    byTable.forEach((table, indexes) -> {
      long writes = indexes.get(0).tableWrites();
      long scans = indexes.get(0).tableScans();
      boolean tooMany = indexes.size() > thresholds.overIndexedMaxIndexes();
      boolean writeHeavy = indexes.size() >= thresholds.overIndexedWriteHeavyMinIndexes()
          && writes >= thresholds.overIndexedMinWrites()
          && writes >= thresholds.overIndexedWriteReadRatio() * Math.max(scans, 1);
      if (tooMany || writeHeavy) {
        findings.add(finding(table, indexes, writes, scans, writeHeavy));
      }
    });
    return findings;
  }

  private Finding finding(QualifiedName table, List<IndexCatalogCheck.Row> indexes, long writes, long scans,
      boolean writeHeavy) {
    long bytes = indexes.stream().mapToLong(IndexCatalogCheck.Row::bytes).sum();
    String candidates = indexes.stream()
        .filter(i -> !i.unique() && !i.backsConstraint())
        .sorted(Comparator.comparingLong(IndexCatalogCheck.Row::scans))
        .limit(CANDIDATES)
        .map(i -> i.index().name() + " (" + Quantities.number(i.scans()) + " scans, "
            + Quantities.bytes(i.bytes()) + ")")
        .collect(Collectors.joining(", "));
    return Finding.builder("over-indexed-table", writeHeavy ? Severity.MEDIUM : Severity.LOW)
        .title("Table " + table + " has " + indexes.size() + " indexes"
            + (writeHeavy ? " and is written far more than it is read" : ""))
        .subject(Subject.table(table.toString()))
        .detail("Every INSERT, and every UPDATE that is not HOT, maintains all " + indexes.size()
            + " indexes of " + table + ".")
        .evidence(new Evidence("index_count", indexes.size(), "count",
            (double) (writeHeavy ? thresholds.overIndexedWriteHeavyMinIndexes() : thresholds.overIndexedMaxIndexes())))
        .evidence(Evidence.of("index_bytes_total", bytes, "bytes"))
        .evidence(Evidence.of("table_row_writes", writes, "rows"))
        .evidence(Evidence.of("table_scans", scans, "count"))
        .impact(Impact.unknown("write amplification: " + indexes.size() + " index updates per inserted row"))
        .fix(Fix.action("Review the least-used indexes and drop those no query needs"
            + (candidates.isEmpty() ? "" : ": " + candidates)
            + "; see the unused-index and redundant-index findings for paste-ready DROP statements."))
        .build();
  }
}

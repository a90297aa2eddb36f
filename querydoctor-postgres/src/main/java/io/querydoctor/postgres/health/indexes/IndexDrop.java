package io.querydoctor.postgres.health.indexes;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.report.Quantities;

/**
 * What the unused, duplicate and redundant rules share: the evidence every index drop carries (its size,
 * scans, the table's writes it slows) and the paste-ready {@code DROP INDEX CONCURRENTLY}.
 */
final class IndexDrop {

  private IndexDrop() {}

  /** Size, write traffic and statistics age of {@code index}. */
  static Finding.Builder withEvidence(Finding.Builder finding, IndexCatalogCheck.Row index) {
    return finding
        .evidence(Evidence.of("index_bytes", index.bytes(), "bytes"))
        .evidence(Evidence.of("table_row_writes", index.tableWrites(), "rows"))
        .evidence(Evidence.of("stats_age", index.statsAgeSeconds(), "s"));
  }

  /**
   * Dropping an index saves no query time; it saves the write amplification (every insert and most updates
   * maintain it) and the cache it occupies, so the impact is reported as space and writes, not time.
   */
  static Impact impact(IndexCatalogCheck.Row index) {
    return Impact.unknown(Quantities.bytes(index.bytes()) + " of disk and cache; "
        + Quantities.number(index.tableWrites()) + " row writes since the statistics reset each maintained it");
  }

  /** {@code DROP INDEX CONCURRENTLY}, which does not block the table's readers and writers. */
  static Fix drop(IndexCatalogCheck.Row index, String why) {
    return Fix.sql("Drop " + index.index() + " (" + Quantities.bytes(index.bytes()) + ")" + why
        + ". CONCURRENTLY avoids blocking the table; it cannot run inside a transaction block.",
        "DROP INDEX CONCURRENTLY " + index.index().sql() + ";");
  }
}

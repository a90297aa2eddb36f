package io.querydoctor.mysql.plan;

import java.util.List;

/**
 * What MySQL/MariaDB report about one table access beyond core's plan model.
 *
 * @param table the table's real name when the plan gives it (MySQL JSON names only the alias), else the alias
 * @param accessType {@code ALL}, {@code index}, {@code range}, {@code ref}, {@code eq_ref}, {@code const},
 *     {@code index_merge}, … ({@code EXPLAIN}'s type column); for the tree format, derived from the iterator name
 * @param rowsExaminedPerScan the optimizer's rows read per scan ({@code rows} / {@code rows_examined_per_scan})
 * @param filteredPercent the optimizer's share of those rows the attached condition keeps, 0–100
 * @param joinBuffer {@code BNL}, {@code BNLH}, {@code hash join}, … when the table is joined through the join buffer;
 *     null otherwise
 * @param indexMerge {@code intersect}, {@code union} or {@code sort_union} for an index merge; null otherwise
 * @param mergedIndexes the indexes an index merge combines, with their columns ({@code idx_a(a)})
 */
public record TableAccessFacts(String table, String accessType, double rowsExaminedPerScan, double filteredPercent,
    String joinBuffer, String indexMerge, List<String> mergedIndexes) {

  public TableAccessFacts {
    mergedIndexes = List.copyOf(mergedIndexes);
  }

  /** True for the accesses that read every row (or every index entry) of the table. */
  public boolean isFullScan() {
    return "ALL".equals(accessType) || "index".equals(accessType);
  }
}

package io.querydoctor.iceberg.rules;

import io.querydoctor.iceberg.history.TableUsage;
import io.querydoctor.iceberg.history.TableUsage.ColumnFilters;
import java.util.List;

/** The columns a table's queries filter on often enough to shape its layout (thresholds in IcebergThresholds). */
final class FrequentFilters {

  private FrequentFilters() {}

  /** Columns of the table filtered by at least the thresholds' share and count of its queries, most first. */
  static List<ColumnFilters> of(TableContext context) {
    TableUsage usage = context.usage();
    if (usage == null || usage.queries().isEmpty()) {
      return List.of();
    }
    int total = usage.queries().size();
    IcebergThresholds t = context.thresholds();
    return usage.filteredColumns().stream()
        .filter(c -> context.table().column(c.column()).isPresent())
        .filter(c -> c.queries() >= t.filterMinQueries() && (double) c.queries() / total >= t.filterShare())
        .toList();
  }

  /** The column's name as the table's schema spells it. */
  static String schemaName(TableContext context, String column) {
    return context.table().column(column).map(c -> c.name()).orElse(column);
  }
}

package io.querydoctor.iceberg.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.iceberg.history.TableUsage.ColumnFilters;
import io.querydoctor.iceberg.metadata.TableProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code layout-unsorted}: the columns the queries filter on most (or, without a history, the first key of the
 * table's declared sort order) all have file-level min/max ranges that overlap heavily within partitions, so file
 * skipping cannot work and a filter reads most files (runbook 001 lines 86-97: "rewrite data with better
 * clustering", sorted by the filter columns, target 128 MB). When any one frequent filter column clusters the
 * files (low overlap), queries filtering on it skip files already and the rule stays silent. The fix declares the sort order for new writes and
 * rewrites the existing files with it.
 */
public final class LayoutUnsortedRule implements TableRule {

  public static final String ID = "layout-unsorted";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> check(TableContext context) {
    TableProfile table = context.table();
    List<String> candidates = candidates(context);
    List<String> unsorted = new ArrayList<>();
    FileOverlap worst = null;
    String worstColumn = null;
    for (String column : candidates) {
      if (table.partitionFieldsOf(column).stream().anyMatch(f -> f.isIdentity())) {
        continue; // one value per partition: nothing to skip within it
      }
      FileOverlap overlap = FileOverlap.of(table, column, context.thresholds().layoutMinFiles());
      if (overlap != null && overlap.ratio() < context.thresholds().overlapRatio()) {
        return List.of(); // one frequent filter column already clusters the files: queries on it skip files
      }
      if (overlap != null) {
        unsorted.add(column);
        if (worst == null || overlap.ratio() > worst.ratio()) {
          worst = overlap;
          worstColumn = column;
        }
      }
    }
    if (unsorted.isEmpty()) {
      return List.of();
    }
    List<String> order = unsorted.size() > 2 ? unsorted.subList(0, 2) : unsorted;
    String fix = context.spark().writeOrderedBy(table.name(), order) + "\n"
        + context.spark().rewriteDataFilesSorted(table.name(), order, context.targetFileSizeBytes());
    return List.of(Finding.builder(ID, Severity.MEDIUM)
        .title("Files of " + table.name() + " overlap on " + String.join(", ", unsorted) + ": filters on them read "
            + String.format(Locale.ROOT, "%.0f", worst.filesReadPerLookup()) + " of "
            + String.format(Locale.ROOT, "%.0f", (double) worst.files() / worst.partitions()) + " files per partition")
        .subject(context.subject())
        .detail("Iceberg skips a data file when a filter's value lies outside the file's min/max for the column. "
            + "Here the ranges of " + worstColumn + " overlap " + Math.round(worst.ratio() * 100) + " % of the other "
            + "files of the same partition (" + worst.files() + " files in " + worst.partitions() + " partitions), so "
            + "almost nothing is skipped. "
            + (context.hasHistory() ? "The columns are the ones the query history filters on most."
                : "The column is the first key of the table's declared sort order: the files were written "
                    + "unsorted.")
            + " Sorting the files by " + String.join(", ", order) + " gives each file a narrow range.")
        .evidence(Evidence.crossed("file_overlap_ratio", worst.ratio(), "ratio", context.thresholds().overlapRatio()))
        .evidence(Evidence.of("files_read_per_lookup", worst.filesReadPerLookup(), "count"))
        .evidence(Evidence.of("files_measured", worst.files(), "count"))
        .impact(context.queryTimeImpact("reading files min/max cannot skip"))
        .fix(Fix.sql("Declare the sort order for new writes and rewrite the existing files sorted by "
            + String.join(", ", order) + " (Spark SQL).", fix))
        .build());
  }

  /** Frequent filter columns from the history; without one, the declared sort order's first column. */
  private static List<String> candidates(TableContext context) {
    if (context.hasHistory()) {
      return FrequentFilters.of(context).stream()
          .map(ColumnFilters::column).map(c -> FrequentFilters.schemaName(context, c)).toList();
    }
    List<String> sort = context.table().sortColumns();
    return sort.isEmpty() ? List.of() : List.of(sort.get(0));
  }
}

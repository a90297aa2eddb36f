package io.querydoctor.iceberg.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.iceberg.history.TableUsage.ColumnFilters;
import io.querydoctor.iceberg.metadata.ColumnInfo;
import io.querydoctor.iceberg.metadata.TableProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bloom-filter-missing}: queries look up single values of a high-cardinality column (ids, session ids)
 * that min/max statistics cannot skip on (the files' ranges overlap: most files span most ids), and the table
 * writes no Parquet bloom filter for it (runbook 001 lines 101-109: bloom filters for high-cardinality columns).
 * Cardinality is not in Iceberg's manifests; a column counts as high-cardinality when its type is an id type
 * (not a boolean, date, time or float), most files hold a range of values rather than one, and the files' (min,
 * max) pairs are mostly distinct (a column of a few values, such as an event type, shows the same pair in every
 * file, and a bloom filter would say "yes" for every file anyway).
 */
public final class BloomFilterMissingRule implements TableRule {

  public static final String ID = "bloom-filter-missing";

  static final String PROPERTY_PREFIX = "write.parquet.bloom-filter-enabled.column.";

  private static final Set<String> ID_TYPES = Set.of("string", "uuid", "long", "int", "binary");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean needsHistory() {
    return true;
  }

  @Override
  public List<Finding> check(TableContext context) {
    TableProfile table = context.table();
    List<Finding> findings = new ArrayList<>();
    for (ColumnFilters filters : FrequentFilters.of(context)) {
      if (filters.equality() < context.thresholds().filterMinQueries()) {
        continue;
      }
      ColumnInfo column = table.column(filters.column()).orElseThrow();
      if (!ID_TYPES.contains(column.type()) || !table.partitionFieldsOf(column.name()).isEmpty()
          || "true".equalsIgnoreCase(table.properties().get(PROPERTY_PREFIX + column.name()))) {
        continue;
      }
      FileOverlap overlap = FileOverlap.of(table, column.name(), context.thresholds().layoutMinFiles());
      if (overlap == null || overlap.ratio() < context.thresholds().overlapRatio()
          || overlap.pointFiles() * 2 > overlap.files() || overlap.distinctRanges() * 2 < overlap.files()) {
        continue;
      }
      findings.add(finding(context, filters, column, overlap));
    }
    return findings;
  }

  private static Finding finding(TableContext context, ColumnFilters filters, ColumnInfo column,
      FileOverlap overlap) {
    String table = context.table().name();
    return Finding.builder(ID, Severity.MEDIUM)
        .title("No bloom filter on " + table + "." + column.name() + ", looked up by value in "
            + filters.equality() + " queries")
        .subject(Subject.columns(table, column.name()))
        .detail(filters.equality() + " queries compare " + column.name() + " (" + column.type() + ") with one value, "
            + "but min/max statistics cannot skip files on it: the files' ranges overlap "
            + Math.round(overlap.ratio() * 100) + " %. A Parquet bloom filter answers \"is this value in the "
            + "file?\" from the footer, so point lookups read only the files that hold the value. It applies to files "
            + "written after the change; rewrite_data_files writes it into the existing ones.")
        .evidence(Evidence.crossed("equality_filter_queries", filters.equality(), "count",
            context.thresholds().filterMinQueries()))
        .evidence(Evidence.crossed("file_overlap_ratio", overlap.ratio(), "ratio", context.thresholds().overlapRatio()))
        .impact(context.queryTimeImpact("point lookups reading every file", filters.latencyMillis(),
            filters.queries()))
        .fix(Fix.sql("Enable the Parquet bloom filter for " + column.name() + ", then rewrite the files so that "
            + "existing data gets it too.",
            context.spark().setProperties(table, Map.of(PROPERTY_PREFIX + column.name(), "true")) + "\n"
                + context.spark().rewriteAllDataFiles(table, context.targetFileSizeBytes())))
        .build();
  }
}

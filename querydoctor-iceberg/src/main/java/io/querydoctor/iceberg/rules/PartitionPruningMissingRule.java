package io.querydoctor.iceberg.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.iceberg.history.HistoryEntry;
import io.querydoctor.iceberg.history.TableUsage.ColumnFilters;
import io.querydoctor.iceberg.metadata.ColumnInfo;
import io.querydoctor.iceberg.metadata.PartitionField;
import io.querydoctor.iceberg.metadata.TableProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code partition-pruning-missing} (runbook 001 lines 73-84: "full table scans for time-range queries" → add a
 * day partition field), three ways:
 * <ul>
 *   <li>the query history filters a time column often (range or equality) and the partition spec has no field
 *       derived from it: every such query reads every partition;
 *   <li>too fine: many partitions whose mean size is a small fraction of the target file size (an hour partition
 *       of a few KB), so every partition is a small file and planning lists thousands of them;
 *   <li>too coarse: a partitioned table whose data all sits in one partition many target files large.
 * </ul>
 */
public final class PartitionPruningMissingRule implements TableRule {

  public static final String ID = "partition-pruning-missing";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> check(TableContext context) {
    List<Finding> findings = new ArrayList<>();
    for (ColumnFilters filters : FrequentFilters.of(context)) {
      ColumnInfo column = context.table().column(filters.column()).orElseThrow();
      if (column.isTemporal() && context.table().partitionFieldsOf(column.name()).isEmpty()) {
        findings.add(unpartitionedFilter(context, filters, column));
      }
    }
    granularity(context).ifPresent(findings::add);
    return findings;
  }

  private static Finding unpartitionedFilter(TableContext context, ColumnFilters filters, ColumnInfo column) {
    TableProfile table = context.table();
    int total = context.usage().queries().size();
    double days = TimeSpan.days(table, column.name());
    double bytesPerDay = days <= 0 ? table.dataBytes() : table.dataBytes() / days;
    String transform = transformFor(bytesPerDay, (double) context.targetFileSizeBytes()
        / context.thresholds().finePartitionDivisor());
    String field = SparkSql.transform(transform, column.name());
    Finding.Builder finding = Finding.builder(ID, Severity.HIGH)
        .title(filters.queries() + " of " + total + " queries on " + table.name() + " filter on " + column.name()
            + ", which the partition spec does not cover")
        .subject(Subject.columns(table.name(), column.name()))
        .detail("Time-range filters on " + column.name() + " cannot prune partitions: "
            + (table.partitionFields().isEmpty() ? "the table is unpartitioned"
                : "the spec partitions by " + describe(table.partitionFields()))
            + ", so each of these queries plans every data file (" + table.dataFiles().size() + " files, "
            + Quantities.bytes(table.dataBytes()) + "). A " + field + " partition field lets them read only the "
            + "time they ask for; rewriting the data files moves existing rows into the new layout. The table "
            + "holds " + Quantities.bytes(bytesPerDay) + " per day of " + column.name() + ", so " + field
            + (transform.equals("days") ? " (the runbook's day field)" : " (a day would make partitions too small)")
            + " is the granularity.")
        .evidence(Evidence.crossed("filter_queries", filters.queries(), "count",
            context.thresholds().filterMinQueries()))
        .evidence(Evidence.of("filter_share", (double) filters.queries() / total, "ratio"))
        .evidence(Evidence.of("data_files", table.dataFiles().size(), "count"))
        .evidence(Evidence.of("bytes_per_day", bytesPerDay, "bytes"));
    filesScanned(context).ifPresent(mean -> finding.evidence(Evidence.of("mean_files_scanned", mean, "count")));
    return finding
        .impact(context.queryTimeImpact("scanning every partition", filters.latencyMillis(), filters.queries()))
        .fix(Fix.sql("Add a " + field + " partition field (runbook: updateSpec().addField(timestamp, day)), then "
            + "rewrite the data files into it.",
            context.spark().addPartitionField(table.name(), field) + "\n"
                + context.spark().rewriteAllDataFiles(table.name(), context.targetFileSizeBytes())))
        .build();
  }

  /** Mean files scanned per query on the table, where the history records it: pruning effectiveness. */
  private static java.util.OptionalDouble filesScanned(TableContext context) {
    return context.usage().queries().stream().mapToLong(HistoryEntry::filesScanned).filter(n -> n >= 0)
        .average();
  }

  private static java.util.Optional<Finding> granularity(TableContext context) {
    TableProfile table = context.table();
    if (table.partitionFields().isEmpty() || table.dataFiles().isEmpty()) {
      return java.util.Optional.empty();
    }
    int partitions = table.filesByPartition().size();
    double mean = (double) table.dataBytes() / partitions;
    long target = context.targetFileSizeBytes();
    IcebergThresholds t = context.thresholds();
    if (partitions >= t.finePartitionsMin() && mean < (double) target / t.finePartitionDivisor()) {
      return java.util.Optional.of(tooFine(context, partitions, mean, target));
    }
    if (partitions == 1 && table.dataBytes() >= (long) t.coarseTargets() * target) {
      return java.util.Optional.of(tooCoarse(context, target));
    }
    return java.util.Optional.empty();
  }

  private static Finding tooFine(TableContext context, int partitions, double mean, long target) {
    TableProfile table = context.table();
    PartitionField finest = table.partitionFields().stream().filter(f -> coarser(f.transform()) != null)
        .findFirst().orElse(null);
    Fix fix = finest == null
        ? Fix.action("Partition by a coarser transform (days instead of hours, months instead of days, fewer "
            + "buckets), so that a partition holds at least one target-size file.")
        : Fix.sql("Replace the " + finest.transform() + " partition field with a coarser one, then rewrite the "
            + "data files into it.",
            context.spark().replacePartitionField(table.name(), finest.name(),
                SparkSql.transform(coarser(finest.transform()), finest.sourceColumn())) + "\n"
                + context.spark().rewriteAllDataFiles(table.name(), target));
    return Finding.builder(ID, Severity.MEDIUM)
        .title(partitions + " partitions of " + Quantities.bytes(mean) + " on average in " + table.name()
            + ": the partition spec is too fine")
        .subject(Subject.table(table.name()))
        .detail("Partitions by " + describe(table.partitionFields()) + " hold " + Quantities.bytes(mean)
            + " each, far below one target file (" + Quantities.bytes(target) + "): every partition is a small "
            + "file, and a range query opens one per partition. A coarser transform keeps pruning and makes "
            + "fewer, fuller files.")
        .evidence(Evidence.crossed("mean_partition_size", mean, "bytes",
            (double) target / context.thresholds().finePartitionDivisor()))
        .evidence(Evidence.crossed("partitions", partitions, "count", context.thresholds().finePartitionsMin()))
        .impact(context.queryTimeImpact("opening one small file per partition"))
        .fix(fix)
        .build();
  }

  private static Finding tooCoarse(TableContext context, long target) {
    TableProfile table = context.table();
    return Finding.builder(ID, Severity.MEDIUM)
        .title("All " + Quantities.bytes(table.dataBytes()) + " of " + table.name() + " sit in one partition")
        .subject(Subject.table(table.name()))
        .detail("The spec partitions by " + describe(table.partitionFields()) + ", but every data file has the same "
            + "partition value, so no filter can prune: the spec is too coarse for the data.")
        .evidence(Evidence.crossed("partition_size", table.dataBytes(), "bytes",
            (double) context.thresholds().coarseTargets() * target))
        .evidence(Evidence.of("partitions", 1, "count"))
        .impact(context.queryTimeImpact("scanning the whole table"))
        .fix(Fix.action("Partition by a finer field on the column time-range queries filter on (days(ts) for "
            + "events), then rewrite the data files."))
        .build();
  }

  /**
   * The finest time transform whose partitions are not too fine: days when a day of data reaches the fine-partition
   * floor (target ÷ divisor), else months, else years.
   */
  static String transformFor(double bytesPerDay, double floorBytes) {
    if (bytesPerDay >= floorBytes) {
      return "days";
    }
    return bytesPerDay * 30 >= floorBytes ? "months" : "years";
  }

  private static String coarser(String transform) {
    return switch (transform) {
      case "hour" -> "days";
      case "day" -> "months";
      case "month" -> "years";
      default -> null;
    };
  }

  private static String describe(List<PartitionField> fields) {
    return String.join(", ", fields.stream().map(f -> f.transform() + "(" + f.sourceColumn() + ")").toList());
  }
}

package io.querydoctor.iceberg.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.iceberg.metadata.DataFileStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code small-files}: partitions holding many files well below the table's target size (runbook 001 lines
 * 61-71: "high file scan count, low bytes per file" → compaction). Per partition, files below
 * {@code smallFileRatio × target} are counted; a partition with at least {@code smallFilesPerPartition} of them is
 * a compaction candidate (Iceberg's own rewrite_data_files defaults). The expected file count after compaction is
 * the small files' bytes over the target, rounded up, per partition.
 */
public final class SmallFilesRule implements TableRule {

  public static final String ID = "small-files";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> check(TableContext context) {
    long target = context.targetFileSizeBytes();
    long smallBelow = (long) (target * context.thresholds().smallFileRatio());
    int smallFiles = 0;
    long smallBytes = 0;
    long filesAfter = 0;
    List<String> worst = new ArrayList<>();
    int partitions = 0;
    for (Map.Entry<String, List<DataFileStats>> partition : context.table().filesByPartition().entrySet()) {
      List<DataFileStats> small = partition.getValue().stream().filter(f -> f.sizeBytes() < smallBelow).toList();
      if (small.size() < context.thresholds().smallFilesPerPartition()) {
        continue;
      }
      long bytes = small.stream().mapToLong(DataFileStats::sizeBytes).sum();
      long after = Math.max(1, (bytes + target - 1) / target);
      partitions++;
      smallFiles += small.size();
      smallBytes += bytes;
      filesAfter += after;
      if (worst.size() < 5) {
        worst.add((partition.getKey().isEmpty() ? "(unpartitioned)" : partition.getKey()) + ": " + small.size()
            + " files, " + Quantities.bytes(bytes) + " → " + after);
      }
    }
    if (partitions == 0) {
      return List.of();
    }
    String table = context.table().name();
    double meanBytes = (double) smallBytes / smallFiles;
    return List.of(Finding.builder(ID, smallFiles >= 1_000 ? Severity.HIGH : Severity.MEDIUM)
        .title(smallFiles + " small files in " + table + " (mean " + Quantities.bytes(meanBytes) + ", target "
            + Quantities.bytes(target) + ")")
        .subject(context.subject())
        .detail("Every file a query reads costs an open, a footer read and a task, whatever its size: " + smallFiles
            + " files in " + Quantities.count(partitions, "partition") + " are below "
            + Quantities.bytes(smallBelow) + " (" + Math.round(context.thresholds().smallFileRatio() * 100)
            + " % of the target " + Quantities.bytes(target) + "). Compacting them leaves about " + filesAfter
            + " files: " + (smallFiles - filesAfter) + " fewer to open on a full scan, for the same bytes. "
            + "Worst partitions: " + String.join("; ", worst) + ".")
        .evidence(Evidence.crossed("small_files", smallFiles, "count",
            context.thresholds().smallFilesPerPartition()))
        .evidence(Evidence.of("mean_small_file_size", meanBytes, "bytes"))
        .evidence(Evidence.of("target_file_size", target, "bytes"))
        .evidence(Evidence.of("partitions_to_compact", partitions, "count"))
        .evidence(Evidence.of("files_after_compaction", filesAfter, "count"))
        .evidence(Evidence.of("file_opens_saved_per_full_scan", smallFiles - filesAfter, "count"))
        .impact(context.queryTimeImpact("opening small files"))
        .fix(Fix.sql("Compact the small files to the target size with Iceberg's rewrite_data_files (Spark SQL; "
            + "runbook: compact small files, target 128 MB).",
            context.spark().rewriteDataFiles(table, target)))
        .build());
  }
}

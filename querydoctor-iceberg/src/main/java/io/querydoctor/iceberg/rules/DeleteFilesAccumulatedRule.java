package io.querydoctor.iceberg.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.iceberg.metadata.DataFileStats;
import io.querydoctor.iceberg.metadata.DeleteFileStats;
import io.querydoctor.iceberg.metadata.TableProfile;
import java.util.List;

/**
 * {@code delete-files-accumulated}: merge-on-read deletes pile up. Every read of a data file merges the delete
 * files that apply to it, so a table with many live delete files (or many deleted rows) slows every scan until
 * the deletes are compacted and applied. Fires at {@code deleteFilesMax} delete files or when the delete records
 * reach {@code deletedRowsRatio} of the rows.
 */
public final class DeleteFilesAccumulatedRule implements TableRule {

  public static final String ID = "delete-files-accumulated";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> check(TableContext context) {
    TableProfile table = context.table();
    List<DeleteFileStats> deletes = table.deleteFiles();
    if (deletes.isEmpty()) {
      return List.of();
    }
    long deleteRecords = deletes.stream().mapToLong(DeleteFileStats::records).sum();
    double ratio = table.records() == 0 ? 0 : (double) deleteRecords / table.records();
    IcebergThresholds thresholds = context.thresholds();
    if (deletes.size() < thresholds.deleteFilesMax() && ratio < thresholds.deletedRowsRatio()) {
      return List.of();
    }
    long positional = deletes.stream().filter(DeleteFileStats::positional).count();
    long affected = table.dataFiles().stream().filter(f -> f.deleteFiles() > 0).count();
    int mostPerFile = table.dataFiles().stream().mapToInt(DataFileStats::deleteFiles).max().orElse(0);
    String fix = (positional > 0 ? context.spark().rewritePositionDeleteFiles(table.name()) + "\n" : "")
        + context.spark().rewriteDataFilesApplyingDeletes(table.name());
    return List.of(Finding.builder(ID, ratio >= 0.5 ? Severity.HIGH : Severity.MEDIUM)
        .title(deletes.size() + " delete files on " + table.name() + " (" + Quantities.number(deleteRecords)
            + " deleted rows, " + Math.round(ratio * 100) + " % of the rows)")
        .subject(context.subject())
        .detail("Merge-on-read deletes are applied at every read: " + affected + " data files carry delete files "
            + "(up to " + mostPerFile + " each), " + positional + " of the " + deletes.size()
            + " delete files are position deletes. Compacting them and rewriting the affected data files makes "
            + "reads plain scans again.")
        .evidence(Evidence.crossed("delete_files", deletes.size(), "count", thresholds.deleteFilesMax()))
        .evidence(Evidence.crossed("deleted_rows_ratio", ratio, "ratio", thresholds.deletedRowsRatio()))
        .evidence(Evidence.of("data_files_with_deletes", affected, "count"))
        .impact(context.queryTimeImpact("merging deletes at read time"))
        .fix(Fix.sql("Compact the position delete files, then rewrite the data files that carry deletes "
            + "(delete-file-threshold 1 applies them).", fix))
        .build());
  }
}

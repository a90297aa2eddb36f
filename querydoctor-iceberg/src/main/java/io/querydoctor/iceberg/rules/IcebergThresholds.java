package io.querydoctor.iceberg.rules;

/**
 * Thresholds of the Iceberg rules; defaults and where each comes from are in docs/iceberg.md and docs/rules.md.
 *
 * @param smallFileRatio {@code small-files}: a file below this share of the table's target size is small. 0.75 is
 *     Iceberg's own {@code min-file-size-bytes} default for rewrite_data_files (75 % of the target)
 * @param smallFilesPerPartition a partition needs this many small files to be worth compacting: 5 is Iceberg's
 *     {@code min-input-files} default
 * @param targetFileSizeBytes the target size to compare with and compact to; 0 means the table's own
 *     {@code write.target-file-size-bytes} (Iceberg's default 512 MB; the runbook uses 128 MB, runbook 001 l. 95)
 * @param filterShare a column counts as a frequent filter when at least this share of the table's queries filter
 *     on it
 * @param filterMinQueries and at least this many queries
 * @param overlapRatio {@code layout-unsorted}, {@code bloom-filter-missing}: files of one partition whose min/max
 *     ranges of the column overlap, on average, at least this share of the partition's other files
 * @param layoutMinFiles a partition needs this many files for the overlap to matter
 * @param finePartitionDivisor {@code partition-pruning-missing} (too fine): mean partition size below the target
 *     file size divided by this
 * @param finePartitionsMin and at least this many partitions
 * @param coarseTargets (too coarse): a partitioned table with one partition holding this many target files' worth
 * @param deleteFilesMax {@code delete-files-accumulated}: this many live delete files
 * @param deletedRowsRatio or delete records at this share of the rows
 * @param snapshotsMax {@code snapshots-accumulated}: more snapshots than this in the metadata
 * @param manifestsMax {@code manifests-fragmented}: this many manifests in the current snapshot (Iceberg merges
 *     at {@code commit.manifest.min-count-to-merge}, 100 by default)
 * @param manifestFillRatio and their mean size below this share of {@code commit.manifest.target-size-bytes}
 * @param metadataJsonBytes {@code metadata-json-large}: current metadata JSON at least this large
 */
public record IcebergThresholds(
    double smallFileRatio, int smallFilesPerPartition, long targetFileSizeBytes, double filterShare,
    int filterMinQueries, double overlapRatio, int layoutMinFiles, int finePartitionDivisor, int finePartitionsMin,
    int coarseTargets, int deleteFilesMax, double deletedRowsRatio, int snapshotsMax, int manifestsMax,
    double manifestFillRatio, long metadataJsonBytes) {

  public static final IcebergThresholds DEFAULTS = new IcebergThresholds(0.75, 5, 0, 0.2, 3, 0.5, 4, 64, 24, 10,
      10, 0.1, 100, 100, 0.5, 4L * 1024 * 1024);

  /** These thresholds comparing with (and compacting to) {@code bytes} instead of the table's target. */
  public IcebergThresholds withTargetFileSize(long bytes) {
    return new IcebergThresholds(smallFileRatio, smallFilesPerPartition, bytes, filterShare, filterMinQueries,
        overlapRatio, layoutMinFiles, finePartitionDivisor, finePartitionsMin, coarseTargets, deleteFilesMax,
        deletedRowsRatio, snapshotsMax, manifestsMax, manifestFillRatio, metadataJsonBytes);
  }
}

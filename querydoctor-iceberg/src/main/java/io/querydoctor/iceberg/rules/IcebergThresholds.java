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
    return copy(b -> b.targetFileSizeBytes = bytes);
  }

  /**
   * These thresholds with {@code overrides} applied: keys {@code snapshots}, {@code manifests},
   * {@code metadata-json-size} (bytes), {@code delete-files}, {@code small-files-per-partition},
   * {@code small-file-ratio}, {@code overlap-ratio}, {@code filter-min-queries}. An unknown key or a bad number
   * is an {@link IllegalArgumentException} naming it.
   */
  public IcebergThresholds with(java.util.Map<String, String> overrides) {
    IcebergThresholds t = this;
    for (java.util.Map.Entry<String, String> entry : overrides.entrySet()) {
      String value = entry.getValue().trim();
      try {
        t = switch (entry.getKey()) {
          case "snapshots" -> t.copy(b -> b.snapshotsMax = Integer.parseInt(value));
          case "manifests" -> t.copy(b -> b.manifestsMax = Integer.parseInt(value));
          case "metadata-json-size" -> t.copy(b -> b.metadataJsonBytes = Long.parseLong(value));
          case "delete-files" -> t.copy(b -> b.deleteFilesMax = Integer.parseInt(value));
          case "small-files-per-partition" -> t.copy(b -> b.smallFilesPerPartition = Integer.parseInt(value));
          case "small-file-ratio" -> t.copy(b -> b.smallFileRatio = Double.parseDouble(value));
          case "overlap-ratio" -> t.copy(b -> b.overlapRatio = Double.parseDouble(value));
          case "filter-min-queries" -> t.copy(b -> b.filterMinQueries = Integer.parseInt(value));
          default -> throw new IllegalArgumentException("unknown Iceberg threshold '" + entry.getKey()
              + "' (known: snapshots, manifests, metadata-json-size, delete-files, small-files-per-partition, "
              + "small-file-ratio, overlap-ratio, filter-min-queries)");
        };
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("threshold " + entry.getKey() + ": '" + value + "' is not a number", e);
      }
    }
    return t;
  }

  private IcebergThresholds copy(java.util.function.Consumer<Mutable> change) {
    Mutable m = new Mutable(this);
    change.accept(m);
    return m.build();
  }

  /** A mutable copy, so that one override changes one field. */
  private static final class Mutable {
    double smallFileRatio;
    int smallFilesPerPartition;
    long targetFileSizeBytes;
    double filterShare;
    int filterMinQueries;
    double overlapRatio;
    int layoutMinFiles;
    int finePartitionDivisor;
    int finePartitionsMin;
    int coarseTargets;
    int deleteFilesMax;
    double deletedRowsRatio;
    int snapshotsMax;
    int manifestsMax;
    double manifestFillRatio;
    long metadataJsonBytes;

    Mutable(IcebergThresholds t) {
      smallFileRatio = t.smallFileRatio;
      smallFilesPerPartition = t.smallFilesPerPartition;
      targetFileSizeBytes = t.targetFileSizeBytes;
      filterShare = t.filterShare;
      filterMinQueries = t.filterMinQueries;
      overlapRatio = t.overlapRatio;
      layoutMinFiles = t.layoutMinFiles;
      finePartitionDivisor = t.finePartitionDivisor;
      finePartitionsMin = t.finePartitionsMin;
      coarseTargets = t.coarseTargets;
      deleteFilesMax = t.deleteFilesMax;
      deletedRowsRatio = t.deletedRowsRatio;
      snapshotsMax = t.snapshotsMax;
      manifestsMax = t.manifestsMax;
      manifestFillRatio = t.manifestFillRatio;
      metadataJsonBytes = t.metadataJsonBytes;
    }

    IcebergThresholds build() {
      return new IcebergThresholds(smallFileRatio, smallFilesPerPartition, targetFileSizeBytes, filterShare,
          filterMinQueries, overlapRatio, layoutMinFiles, finePartitionDivisor, finePartitionsMin, coarseTargets,
          deleteFilesMax, deletedRowsRatio, snapshotsMax, manifestsMax, manifestFillRatio, metadataJsonBytes);
    }
  }
}

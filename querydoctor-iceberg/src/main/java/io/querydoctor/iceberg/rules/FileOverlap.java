package io.querydoctor.iceberg.rules;

import io.querydoctor.iceberg.metadata.ColumnBounds;
import io.querydoctor.iceberg.metadata.DataFileStats;
import io.querydoctor.iceberg.metadata.TableProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How much the data files of each partition overlap on one column, from their min/max bounds: the share of a
 * partition's other files whose range meets a file's range, averaged over the files. 0 means every file holds a
 * range of its own (sorted or clustered: a filter on the column reads one file per partition); 1 means every file
 * spans every value (a filter reads them all, min/max skipping cannot help).
 *
 * <p>Design note: pairwise comparison, O(n²) per partition; partitions are capped at {@link #MAX_FILES} files
 * (the first ones listed), which bounds the work at 4 million comparisons per partition and still measures the
 * layout. Files without bounds on the column (no statistics, or all nulls) are left out.
 *
 * @param ratio the mean overlap, 0..1
 * @param files files measured
 * @param partitions partitions measured (those with at least the minimum number of files)
 * @param pointFiles files whose range is one value
 * @param distinctRanges distinct (min, max) pairs among the files: a column of few values shows the same pair in
 *     every file, an id column a pair of its own per file
 */
public record FileOverlap(double ratio, int files, int partitions, int pointFiles, int distinctRanges) {

  static final int MAX_FILES = 2_000;

  /** The overlap on {@code column}, over partitions with at least {@code minFiles} measurable files; or null. */
  public static FileOverlap of(TableProfile table, String column, int minFiles) {
    double overlapSum = 0;
    int files = 0;
    int partitions = 0;
    int points = 0;
    java.util.Set<ColumnBounds> ranges = new java.util.HashSet<>();
    for (Map.Entry<String, List<DataFileStats>> partition : table.filesByPartition().entrySet()) {
      List<ColumnBounds> bounds = new ArrayList<>();
      for (DataFileStats file : partition.getValue()) {
        ColumnBounds b = file.bounds().get(column);
        if (b != null && bounds.size() < MAX_FILES) {
          bounds.add(b);
        }
      }
      if (bounds.size() < Math.max(2, minFiles)) {
        continue;
      }
      partitions++;
      for (int i = 0; i < bounds.size(); i++) {
        int overlapping = 0;
        for (int j = 0; j < bounds.size(); j++) {
          if (i != j && bounds.get(i).overlaps(bounds.get(j))) {
            overlapping++;
          }
        }
        overlapSum += (double) overlapping / (bounds.size() - 1);
        points += bounds.get(i).isPoint() ? 1 : 0;
        ranges.add(bounds.get(i));
        files++;
      }
    }
    return files == 0 ? null : new FileOverlap(overlapSum / files, files, partitions, points, ranges.size());
  }

  /** Files a filter on one value of the column reads per partition, on average: 1 + overlap × (n − 1). */
  public double filesReadPerLookup() {
    double perPartition = partitions == 0 ? 0 : (double) files / partitions;
    return 1 + ratio * Math.max(0, perPartition - 1);
  }
}

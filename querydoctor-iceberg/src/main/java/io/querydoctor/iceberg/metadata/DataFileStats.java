package io.querydoctor.iceberg.metadata;

import java.util.Map;

/**
 * One live data file of a table, as its manifest describes it (the file itself is never opened).
 *
 * @param location the file's location
 * @param partition the partition as a path ({@code ts_day=2024-01-15}), or the empty string when unpartitioned
 * @param sizeBytes the file's size
 * @param records rows in the file
 * @param bounds per column name (top-level columns only), the file's lower and upper bound, where the manifest
 *     keeps them
 * @param deleteFiles how many delete files apply to this file in the current snapshot
 */
public record DataFileStats(
    String location, String partition, long sizeBytes, long records, Map<String, ColumnBounds> bounds,
    int deleteFiles) {

  public DataFileStats {
    bounds = Map.copyOf(bounds);
  }
}

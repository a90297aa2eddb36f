package io.querydoctor.iceberg.metadata;

/**
 * A column's lower and upper bound in one data file, from the manifest's column statistics. Values are compared
 * as the column's Java value (numbers, timestamps as micros, strings); Iceberg truncates long string bounds, which
 * keeps them valid bounds.
 *
 * @param lower the smallest value in the file
 * @param upper the largest value in the file
 */
public record ColumnBounds(Comparable<Object> lower, Comparable<Object> upper) {

  /** True when the two files' ranges for this column share at least one value. */
  public boolean overlaps(ColumnBounds other) {
    return lower.compareTo(other.upper) <= 0 && other.lower.compareTo(upper) <= 0;
  }

  /** A file whose range is one value (every row has the same value): min/max skipping is exact on it. */
  public boolean isPoint() {
    return lower.compareTo(upper) == 0;
  }
}

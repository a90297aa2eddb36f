package io.querydoctor.iceberg.rules;

import io.querydoctor.iceberg.metadata.ColumnBounds;
import io.querydoctor.iceberg.metadata.DataFileStats;
import io.querydoctor.iceberg.metadata.TableProfile;

/**
 * The span of a time column over a table, in days, from the data files' min/max: Iceberg keeps timestamps as
 * microseconds since the epoch (a {@code Long}) and dates as days since the epoch (an {@code Integer}).
 */
final class TimeSpan {

  private static final double MICROS_PER_DAY = 86_400_000_000.0;

  private TimeSpan() {}

  /** Days between the column's smallest and largest value, at least one day; 0 when no file has bounds. */
  static double days(TableProfile table, String column) {
    double low = Double.MAX_VALUE;
    double high = -Double.MAX_VALUE;
    for (DataFileStats file : table.dataFiles()) {
      ColumnBounds bounds = file.bounds().get(column);
      if (bounds != null && bounds.lower() instanceof Number lower && bounds.upper() instanceof Number upper) {
        low = Math.min(low, lower.doubleValue());
        high = Math.max(high, upper.doubleValue());
      }
    }
    if (low > high) {
      return 0;
    }
    Object sample = table.dataFiles().stream().map(f -> f.bounds().get(column)).filter(b -> b != null)
        .findFirst().map(ColumnBounds::lower).orElse(null);
    double span = sample instanceof Integer ? high - low : (high - low) / MICROS_PER_DAY;
    return Math.max(1, span);
  }
}

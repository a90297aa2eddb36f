package io.querydoctor.remedies.write.bench;

import io.querydoctor.remedies.write.WriteStrategy;

/**
 * One strategy's measurement: rows written (counted in the table afterwards) and the wall-clock seconds it took,
 * commits included.
 */
public record BenchResult(WriteStrategy strategy, long rows, double seconds) {

  public double rowsPerSecond() {
    return seconds <= 0 ? 0 : rows / seconds;
  }

  /** How many times faster than {@code baseline} (rows per second over rows per second). */
  public double speedUp(BenchResult baseline) {
    return baseline.rowsPerSecond() <= 0 ? 0 : rowsPerSecond() / baseline.rowsPerSecond();
  }
}

package io.querydoctor.iceberg.history;

import java.time.Instant;
import java.util.Objects;

/**
 * One query from the query history: what ran, how long it took, and what it scanned where the engine says.
 *
 * @param timestamp when it ran, or {@code null}
 * @param latencyMillis how long it took, in milliseconds
 * @param sql the statement (may contain literals; shown only redacted)
 * @param filesScanned data files the engine read, or -1 when unknown
 * @param bytesScanned bytes the engine read, or -1 when unknown
 */
public record HistoryEntry(Instant timestamp, double latencyMillis, String sql, long filesScanned,
    long bytesScanned) {

  public HistoryEntry {
    Objects.requireNonNull(sql, "sql");
    if (latencyMillis < 0 || Double.isNaN(latencyMillis)) {
      throw new IllegalArgumentException("latency must be >= 0 ms: " + latencyMillis);
    }
  }
}

package io.querydoctor.iceberg.rules;

import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.iceberg.history.TableUsage;
import io.querydoctor.iceberg.metadata.TableProfile;

/**
 * What a rule sees of one table: its metadata, how the query history uses it, the thresholds and how to write
 * fixes for it.
 *
 * @param table the table's metadata
 * @param usage the history's queries on it; {@code null} when no history was given
 * @param historyHours the hours the history covers (0 when unknown)
 * @param thresholds the rules' thresholds
 * @param spark fixes as Spark SQL in the user's catalog
 */
public record TableContext(TableProfile table, TableUsage usage, double historyHours, IcebergThresholds thresholds,
    SparkSql spark) {

  public Subject subject() {
    return Subject.table(table.name());
  }

  public boolean hasHistory() {
    return usage != null;
  }

  /** The target file size the rules compare with: the threshold's override, else the table's. */
  public long targetFileSizeBytes() {
    return thresholds.targetFileSizeBytes() > 0 ? thresholds.targetFileSizeBytes() : table.targetFileSizeBytes();
  }

  /**
   * What the table's queries cost per hour, the upper bound of what a layout problem costs them; unknown without
   * a history with timestamps.
   */
  public Impact queryTimeImpact(String problem) {
    return usage == null ? queryTimeImpact(problem, 0, 0)
        : queryTimeImpact(problem, usage.totalLatencyMillis(), usage.queries().size());
  }

  /**
   * What {@code queries} queries of the history taking {@code latencyMillis} in all cost per hour: the queries a
   * problem slows (an upper bound of what it costs them).
   */
  public Impact queryTimeImpact(String problem, double latencyMillis, int queries) {
    if (usage == null || queries == 0) {
      return Impact.unknown("no query history for the table: " + problem + " costs every scan, unmeasured");
    }
    if (historyHours <= 0) {
      return new Impact(latencyMillis, "total latency of the " + queries + " queries it slows in the history "
          + Impact.RATE_UNKNOWN);
    }
    return new Impact(latencyMillis / historyHours, "latency of the " + queries + " queries it slows, per hour of "
        + "history (an upper bound: " + problem + " is part of it)");
  }
}

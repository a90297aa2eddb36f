package io.querydoctor.mysql;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The numbers at which the MySQL/MariaDB health rules fire, with RULES.md's defaults; each can be overridden by
 * key ({@code --threshold long-running-query=10s}). Keys the PostgreSQL checks share mean the same here.
 *
 * @param unusedIndexMinUptime unused-index: performance_schema counts from the server's start; a weekly job's
 *     index looks unused until a week has passed, so younger counts are reported as info with their age
 * @param staleStatisticsModifiedRatio stale-statistics: InnoDB recalculates persistent statistics itself after
 *     10 % of a table changed (innodb_stats_auto_recalc); more means that did not happen
 * @param staleStatisticsMinModifiedRows stale-statistics: small tables plan fine whatever their statistics
 * @param fragmentationMinRatio table-fragmentation: free space inside the tablespace relative to its data; below
 *     30 % it is normal page churn InnoDB reuses (as for PostgreSQL's bloat)
 * @param fragmentationMinBytes table-fragmentation: below 10 MB an OPTIMIZE TABLE is not worth its rebuild
 * @param connectionSaturationRatio connection-saturation: past 80 % of max_connections a burst or a leak reaches
 *     "Too many connections" (runbook 000)
 * @param idleInTransaction idle-in-transaction: a transaction open this long with no statement running holds its
 *     locks and the purge's history
 * @param longRunningQuery long-running-query: one minute is long for an OLTP statement
 * @param lockWait lock-contention: a wait of 5 s is felt by users; shorter waits are normal row-lock churn
 * @param cacheHitRatio low-cache-hit-ratio: an OLTP working set is read from the buffer pool 99 % of the time
 * @param cacheMinReadRequests low-cache-hit-ratio: the ratio means little before this many page reads
 * @param bufferPoolMinDataRatio buffer-pool-undersized: a pool smaller than this share of the InnoDB data and
 *     indexes cannot hold the working set of most applications
 * @param tmpDiskRatio tmp-tables-on-disk: MySQLTuner warns past 25 % of implicit temporary tables on disk
 * @param tmpMinTables tmp-tables-on-disk: the ratio means little before this many temporary tables
 * @param autoIncrementRatio auto-increment-exhaustion: the share of the column type's range used, as
 *     sequence-exhaustion for PostgreSQL
 * @param replicationLag replication-lag: seconds behind the source that readers notice
 */
public record MySqlThresholds(
    Duration unusedIndexMinUptime,
    double staleStatisticsModifiedRatio,
    long staleStatisticsMinModifiedRows,
    double fragmentationMinRatio,
    long fragmentationMinBytes,
    double connectionSaturationRatio,
    Duration idleInTransaction,
    Duration longRunningQuery,
    Duration lockWait,
    double cacheHitRatio,
    long cacheMinReadRequests,
    double bufferPoolMinDataRatio,
    double tmpDiskRatio,
    long tmpMinTables,
    double autoIncrementRatio,
    Duration replicationLag) {

  public static MySqlThresholds defaults() {
    return new MySqlThresholds(Duration.ofDays(7), 0.10, 1_000, 0.30, 10L << 20, 0.80, Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(5), 0.99, 10_000, 0.50, 0.25, 100, 0.75, Duration.ofSeconds(5));
  }

  /** The keys {@link #with} accepts. */
  public static Set<String> keys() {
    return new TreeSet<>(Set.of("unused-index-min-uptime", "stale-statistics-modified-ratio",
        "stale-statistics-min-modified-rows", "fragmentation-min-ratio", "fragmentation-min-bytes",
        "connection-saturation-ratio", "idle-in-transaction", "long-running-query", "lock-wait", "cache-hit-ratio",
        "cache-min-read-requests", "buffer-pool-min-data-ratio", "tmp-disk-ratio", "tmp-min-tables",
        "auto-increment-ratio", "replication-lag"));
  }

  /**
   * These thresholds with {@code overrides} applied; durations as {@code 30s}, {@code 2m}, {@code 1500ms},
   * {@code 7d}; sizes as bytes or with {@code KB}/{@code MB}/{@code GB}.
   *
   * @throws IllegalArgumentException for an unknown key or a bad value, naming the valid keys
   */
  public MySqlThresholds with(Map<String, String> overrides) {
    MySqlThresholds t = this;
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      t = t.with(e.getKey().strip().toLowerCase(Locale.ROOT), e.getValue().strip());
    }
    return t;
  }

  private MySqlThresholds with(String key, String v) {
    return switch (key) {
      case "unused-index-min-uptime" -> copy(0, duration(key, v));
      case "stale-statistics-modified-ratio" -> copy(1, ratio(key, v));
      case "stale-statistics-min-modified-rows" -> copy(2, count(key, v));
      case "fragmentation-min-ratio" -> copy(3, ratio(key, v));
      case "fragmentation-min-bytes" -> copy(4, bytes(key, v));
      case "connection-saturation-ratio" -> copy(5, ratio(key, v));
      case "idle-in-transaction" -> copy(6, duration(key, v));
      case "long-running-query" -> copy(7, duration(key, v));
      case "lock-wait" -> copy(8, duration(key, v));
      case "cache-hit-ratio" -> copy(9, ratio(key, v));
      case "cache-min-read-requests" -> copy(10, count(key, v));
      case "buffer-pool-min-data-ratio" -> copy(11, ratio(key, v));
      case "tmp-disk-ratio" -> copy(12, ratio(key, v));
      case "tmp-min-tables" -> copy(13, count(key, v));
      case "auto-increment-ratio" -> copy(14, ratio(key, v));
      case "replication-lag" -> copy(15, duration(key, v));
      default -> throw new IllegalArgumentException("unknown MySQL threshold '" + key + "' (known: "
          + String.join(", ", keys()) + ")");
    };
  }

  /** This record with component {@code index} replaced by {@code value}. */
  private MySqlThresholds copy(int index, Object value) {
    Object[] c = {unusedIndexMinUptime, staleStatisticsModifiedRatio, staleStatisticsMinModifiedRows,
        fragmentationMinRatio, fragmentationMinBytes, connectionSaturationRatio, idleInTransaction, longRunningQuery,
        lockWait, cacheHitRatio, cacheMinReadRequests, bufferPoolMinDataRatio, tmpDiskRatio, tmpMinTables,
        autoIncrementRatio, replicationLag};
    c[index] = value;
    return new MySqlThresholds((Duration) c[0], (double) c[1], (long) c[2], (double) c[3], (long) c[4],
        (double) c[5], (Duration) c[6], (Duration) c[7], (Duration) c[8], (double) c[9], (long) c[10],
        (double) c[11], (double) c[12], (long) c[13], (double) c[14], (Duration) c[15]);
  }

  private static double ratio(String key, String v) {
    try {
      double value = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1)) / 100
          : Double.parseDouble(v);
      if (value < 0 || value > 1) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": '" + v + "' is not a ratio between 0 and 1 (or 0-100%)");
    }
  }

  private static long count(String key, String v) {
    try {
      return Long.parseLong(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": '" + v + "' is not a whole number");
    }
  }

  private static long bytes(String key, String v) {
    String upper = v.toUpperCase(Locale.ROOT).replace(" ", "");
    long unit = upper.endsWith("GB") ? 1L << 30 : upper.endsWith("MB") ? 1L << 20 : upper.endsWith("KB") ? 1L << 10 : 1;
    String digits = unit == 1 ? upper.replaceFirst("B$", "") : upper.substring(0, upper.length() - 2);
    return count(key, digits) * unit;
  }

  private static Duration duration(String key, String v) {
    var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(v.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(key + ": '" + v + "' is not a duration (30s, 2m, 1500ms, 7d)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}

package io.querydoctor.postgres.health;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers at which the health rules fire. Defaults are RULES.md's; each can be overridden from a
 * properties file whose keys are the component names in kebab-case ({@code idle-in-transaction=10s},
 * {@code bloat-min-bytes=50MB}, {@code vacuum-dead-ratio=0.3}).
 *
 * @param fkIndexMinRows missing-fk-index: below this many child rows a sequential scan per parent change is
 *     cheap (a few pages), so the missing index costs nothing worth a finding
 * @param unusedIndexMinStatsAge unused-index: statistics must cover a full weekly cycle (weekly jobs,
 *     reports) before "never scanned" means unused; younger statistics are reported as info with their age
 * @param overIndexedMaxIndexes over-indexed-table: more indexes than this make every INSERT and most UPDATEs
 *     maintain a long list of trees (runbook 004, "over-indexing")
 * @param overIndexedWriteHeavyMinIndexes over-indexed-table: a write-heavy table is flagged from this many
 *     indexes on
 * @param overIndexedWriteReadRatio over-indexed-table: "writes ≫ reads" means row writes at least this many
 *     times the scans that could use the indexes
 * @param overIndexedMinWrites over-indexed-table: below this many row writes since the reset the write cost
 *     is negligible whatever the ratio
 * @param staleStatisticsModifiedRatio stale-statistics: modified rows since ANALYZE relative to the table;
 *     autovacuum's own default trigger is 10 % (autovacuum_analyze_scale_factor)
 * @param staleStatisticsMinModifiedRows stale-statistics: small tables re-plan fine whatever their statistics
 * @param bloatMinRatio table-bloat / index-bloat: wasted share of the relation; below 30 % the space is
 *     normal churn that VACUUM and fillfactor reuse
 * @param bloatMinBytes table-bloat / index-bloat: below 10 MB reclaiming the space is not worth a lock
 * @param vacuumDeadRatio vacuum-overdue: dead share of tuples; autovacuum's default trigger is 20 %
 *     (autovacuum_vacuum_scale_factor), so more means it is not keeping up
 * @param vacuumMinDeadRows vacuum-overdue: a few dead rows in a tiny table are no problem
 * @param connectionSaturationRatio connection-saturation: past 80 % of usable connections a burst or a
 *     leak reaches "too many clients" (runbook 000, pool exhaustion)
 * @param idleInTransaction idle-in-transaction: 30 s idle inside a transaction is far beyond any request and
 *     blocks VACUUM and holds locks
 * @param longRunningQuery long-running-query: one minute is long for an OLTP statement
 * @param lockWait lock-contention: a wait of 5 s is felt by users; shorter waits are normal row-lock churn
 * @param cacheHitRatio low-cache-hit-ratio: an OLTP working set should be served from shared buffers 99 % of
 *     the time
 * @param cacheMinBlocks low-cache-hit-ratio: the ratio means little until this many blocks were accessed
 * @param indexUsageRatio low-index-usage: share of scans that use an index on a large table
 * @param indexUsageMinRows low-index-usage: below 10 000 rows a sequential scan is cheap
 * @param indexUsageMinSeqScans low-index-usage: a handful of sequential scans (a dump, a one-off report) is
 *     not a pattern
 * @param rollbackRatio high-rollback-ratio: rolled back share of transactions
 * @param rollbackMinTransactions high-rollback-ratio: the ratio means little on an idle database (and this
 *     tool's own read-only checks end in a rollback each)
 * @param replicationLag replication-lag: a replica 5 s behind serves visibly stale reads
 * @param tempBytes temp-file-spill: bytes written to temporary files since the statistics reset
 * @param xidWraparoundFraction xid-wraparound-risk: share of the 2^31 transaction-id horizon used; at 50 %
 *     autovacuum has been failing to freeze for a long time (its own trigger is 200 M, about 10 %)
 * @param sequenceUsedRatio sequence-exhaustion: share of a sequence's range used; at 75 % there is time to
 *     migrate the column to bigint calmly
 */
public record HealthThresholds(
    long fkIndexMinRows,
    Duration unusedIndexMinStatsAge,
    int overIndexedMaxIndexes,
    int overIndexedWriteHeavyMinIndexes,
    double overIndexedWriteReadRatio,
    long overIndexedMinWrites,
    double staleStatisticsModifiedRatio,
    long staleStatisticsMinModifiedRows,
    double bloatMinRatio,
    long bloatMinBytes,
    double vacuumDeadRatio,
    long vacuumMinDeadRows,
    double connectionSaturationRatio,
    Duration idleInTransaction,
    Duration longRunningQuery,
    Duration lockWait,
    double cacheHitRatio,
    long cacheMinBlocks,
    double indexUsageRatio,
    long indexUsageMinRows,
    long indexUsageMinSeqScans,
    double rollbackRatio,
    long rollbackMinTransactions,
    Duration replicationLag,
    long tempBytes,
    double xidWraparoundFraction,
    double sequenceUsedRatio) {

  private static final long MB = 1024L * 1024;

  /** RULES.md's defaults. */
  public static HealthThresholds defaults() {
    return new HealthThresholds(1_000, Duration.ofDays(7), 10, 5, 10.0, 10_000, 0.10, 1_000, 0.30, 10 * MB,
        0.20, 1_000, 0.80, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(5), 0.99,
        10_000, 0.95, 10_000, 50, 0.05, 10_000, Duration.ofSeconds(5), 100 * MB, 0.50, 0.75);
  }

  /** The defaults with the keys of {@code file} (a properties file) applied. */
  public static HealthThresholds load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    return defaults().with(properties);
  }

  /**
   * These thresholds with {@code overrides} applied. Keys are component names in kebab-case; values are
   * numbers, durations ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}) or sizes
   * ({@code 10MB}). An unknown key or a bad value is an {@link IllegalArgumentException} naming it.
   */
  public HealthThresholds with(Map<?, ?> overrides) {
    RecordComponent[] components = HealthThresholds.class.getRecordComponents();
    Map<String, Integer> positions = new HashMap<>();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      positions.put(kebab(components[i].getName()), i);
      values[i] = read(components[i]);
    }
    for (Map.Entry<?, ?> entry : overrides.entrySet()) {
      String key = entry.getKey().toString().strip();
      Integer position = positions.get(key);
      if (position == null) {
        throw new IllegalArgumentException("unknown health threshold '" + key + "' (known: "
            + String.join(", ", new TreeSet<>(positions.keySet())) + ")");
      }
      values[position] = parse(key, entry.getValue().toString().strip(), components[position].getType());
    }
    return construct(components, values);
  }

  /** The names {@link #with} accepts. */
  public static Set<String> keys() {
    Set<String> keys = new TreeSet<>();
    Arrays.stream(HealthThresholds.class.getRecordComponents()).forEach(c -> keys.add(kebab(c.getName())));
    return keys;
  }

  private Object read(RecordComponent component) {
    try {
      return component.getAccessor().invoke(this);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read threshold " + component.getName(), e);
    }
  }

  private static HealthThresholds construct(RecordComponent[] components, Object[] values) {
    Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    try {
      Constructor<HealthThresholds> constructor = HealthThresholds.class.getDeclaredConstructor(types);
      return constructor.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build thresholds", e);
    }
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|kB|KB|MB|GB|TB)?");

  private static Object parse(String key, String text, Class<?> type) {
    try {
      if (type == Duration.class) {
        return duration(text);
      }
      if (type == long.class) {
        return size(text);
      }
      if (type == int.class) {
        return Integer.parseInt(text);
      }
      double value = Double.parseDouble(text);
      if (value < 0) {
        throw new IllegalArgumentException();
      }
      return value;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad value '" + text + "' for health threshold '" + key + "'"
          + (type == Duration.class ? " (expected e.g. 500ms, 30s, 5m, 2h, 7d)" : ""));
    }
  }

  private static Duration duration(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(text);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m", "min" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static long size(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(text);
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
    return switch (unit) {
      case "KB" -> n * 1024;
      case "MB" -> n * MB;
      case "GB" -> n * MB * 1024;
      case "TB" -> n * MB * 1024 * 1024;
      default -> n;
    };
  }
}

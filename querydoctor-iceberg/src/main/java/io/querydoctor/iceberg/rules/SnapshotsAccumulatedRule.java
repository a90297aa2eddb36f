package io.querydoctor.iceberg.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code snapshots-accumulated}: the table keeps more snapshots than the threshold, so its metadata (and the
 * files only old snapshots reference) grows with every commit; expire_snapshots was not run. The fix keeps the
 * snapshots younger than the table's {@code history.expire.max-snapshot-age-ms} (Iceberg's default 5 days) and
 * at least {@code history.expire.min-snapshots-to-keep}.
 */
public final class SnapshotsAccumulatedRule implements TableRule {

  public static final String ID = "snapshots-accumulated";

  private static final long DEFAULT_MAX_AGE_MS = 5L * 24 * 3_600_000;
  private static final DateTimeFormatter SPARK_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final java.time.Clock clock;

  public SnapshotsAccumulatedRule(java.time.Clock clock) {
    this.clock = clock;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> check(TableContext context) {
    int snapshots = context.table().snapshots();
    int max = context.thresholds().snapshotsMax();
    if (snapshots <= max) {
      return List.of();
    }
    int retain = (int) Math.max(1, context.table().longProperty("history.expire.min-snapshots-to-keep", 1));
    double ageDays = context.table().oldestSnapshotMillis() == 0 ? 0
        : (clock.millis() - context.table().oldestSnapshotMillis()) / 86_400_000.0;
    String table = context.table().name();
    return List.of(Finding.builder(ID, Severity.MEDIUM)
        .title(snapshots + " snapshots kept in " + table + " (threshold " + max + ")")
        .subject(context.subject())
        .detail("Each snapshot stays in the metadata JSON and keeps its manifests and the files it replaced alive: "
            + "planning gets slower and storage grows with every commit until expire_snapshots runs. The oldest "
            + "snapshot is " + String.format(java.util.Locale.ROOT, "%.1f", ageDays) + " days old.")
        .evidence(Evidence.crossed("snapshots", snapshots, "count", max))
        .evidence(Evidence.of("oldest_snapshot_age", ageDays, "days"))
        .impact(Impact.unknown("metadata growth: slower planning and storage for old files"))
        .fix(Fix.sql("Expire snapshots older than the table's retention (history.expire.max-snapshot-age-ms, "
            + "default 5 days), keeping the last " + Math.max(retain, 10) + "; schedule it after each day's commits.",
            expireCall(context, clock)))
        .build());
  }

  /**
   * expire_snapshots for the table: older than its {@code history.expire.max-snapshot-age-ms} (Iceberg's default
   * 5 days) before now, keeping at least 10 (or the table's {@code history.expire.min-snapshots-to-keep}).
   */
  static String expireCall(TableContext context, java.time.Clock clock) {
    long maxAge = context.table().longProperty("history.expire.max-snapshot-age-ms", DEFAULT_MAX_AGE_MS);
    int retain = (int) Math.max(10, context.table().longProperty("history.expire.min-snapshots-to-keep", 1));
    Instant olderThan = clock.instant().minusMillis(maxAge);
    return context.spark().expireSnapshots(context.table().name(), SPARK_TIMESTAMP.format(olderThan), retain);
  }
}

package io.querydoctor.iceberg.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.iceberg.metadata.TableProfile;
import java.util.List;
import java.util.Map;

/**
 * {@code metadata-json-large}: the current metadata JSON is large. Every reader parses it whole before planning
 * (and every commit rewrites it), so its size is paid per query and per commit. It grows with kept snapshots and
 * their summaries, schemas, specs and the metadata log; the fix expires snapshots and bounds the metadata log.
 */
public final class MetadataJsonLargeRule implements TableRule {

  public static final String ID = "metadata-json-large";

  private final java.time.Clock clock;

  public MetadataJsonLargeRule(java.time.Clock clock) {
    this.clock = clock;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> check(TableContext context) {
    TableProfile table = context.table();
    long bytes = table.metadataJsonBytes();
    long threshold = context.thresholds().metadataJsonBytes();
    if (bytes < threshold) {
      return List.of();
    }
    String fix = SnapshotsAccumulatedRule.expireCall(context, clock) + "\n"
        + context.spark().setProperties(table.name(), Map.of(
            "write.metadata.delete-after-commit.enabled", "true",
            "write.metadata.previous-versions-max", "20"));
    return List.of(Finding.builder(ID, Severity.MEDIUM)
        .title("Metadata JSON of " + table.name() + " is " + Quantities.bytes(bytes) + " (threshold "
            + Quantities.bytes(threshold) + ")")
        .subject(context.subject())
        .detail("Every query parses the whole current metadata JSON before planning and every commit writes a new "
            + "one: " + Quantities.bytes(bytes) + " with " + table.snapshots() + " snapshots and "
            + table.previousMetadataFiles() + " entries in the metadata log.")
        .evidence(Evidence.crossed("metadata_json_size", bytes, "bytes", threshold))
        .evidence(Evidence.of("snapshots", table.snapshots(), "count"))
        .evidence(Evidence.of("previous_metadata_files", table.previousMetadataFiles(), "count"))
        .impact(Impact.unknown("parsed by every query plan and rewritten by every commit"))
        .fix(Fix.sql("Expire snapshots older than the table's retention (default 5 days), and let commits delete "
            + "old metadata files, keeping 20.", fix))
        .build());
  }
}

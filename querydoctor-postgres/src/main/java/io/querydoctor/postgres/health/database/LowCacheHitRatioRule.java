package io.querydoctor.postgres.health.database;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.postgres.health.HealthRule;
import io.querydoctor.postgres.health.HealthThresholds;
import java.util.ArrayList;
import java.util.List;

/**
 * low-cache-hit-ratio: the application's tables or indexes are served from shared buffers less often than
 * the threshold, once enough blocks were accessed for the ratio to mean something. One finding per
 * database, with both ratios as evidence.
 */
public final class LowCacheHitRatioRule implements HealthRule<CacheHitCheck.Row> {

  private final HealthThresholds thresholds;

  public LowCacheHitRatioRule(HealthThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public List<Finding> evaluate(List<CacheHitCheck.Row> rows) {
    List<Finding> findings = new ArrayList<>();
    for (CacheHitCheck.Row row : rows) {
      Double heap = ratio(row.heapHits(), row.heapReads());
      Double index = ratio(row.indexHits(), row.indexReads());
      boolean heapLow = heap != null && heap < thresholds.cacheHitRatio();
      boolean indexLow = index != null && index < thresholds.cacheHitRatio();
      if (heapLow || indexLow) {
        findings.add(finding(row, heap, index, heapLow, indexLow));
      }
    }
    return findings;
  }

  /** Hit ratio, or {@code null} while fewer blocks were accessed than the threshold requires. */
  private Double ratio(long hits, long reads) {
    long total = hits + reads;
    return total < thresholds.cacheMinBlocks() ? null : (double) hits / total;
  }

  private Finding finding(CacheHitCheck.Row row, Double heap, Double index, boolean heapLow, boolean indexLow) {
    String which = heapLow && indexLow ? "Tables and indexes" : heapLow ? "Tables" : "Indexes";
    double worst = Math.min(heapLow ? heap : 1, indexLow ? index : 1);
    Finding.Builder finding = Finding.builder("low-cache-hit-ratio", Severity.MEDIUM)
        .title(which + " in " + row.database() + " are served from shared buffers only "
            + Quantities.format(worst, "ratio") + " of the time")
        .subject(Subject.database(row.database()))
        .detail("Blocks not in shared buffers (" + row.sharedBuffers() + ") come from the kernel's page cache or "
            + "disk. Usually the working set outgrew the cache, or large sequential scans and bloat push it out.");
    addRatio(finding, "table_cache_hit_ratio", heap, heapLow);
    addRatio(finding, "index_cache_hit_ratio", index, indexLow);
    return finding
        .evidence(Evidence.of("table_blocks_read", row.heapReads(), "count"))
        .evidence(Evidence.of("index_blocks_read", row.indexReads(), "count"))
        .impact(Impact.unknown(Quantities.number(row.heapReads() + row.indexReads())
            + " block reads that missed shared buffers"))
        .fix(Fix.setting("First remove what wastes the cache (sequential scans of large tables, bloat: see those "
            + "findings); then consider shared_buffers of about 25 % of RAM (needs a restart).",
            "ALTER SYSTEM SET shared_buffers = '<25% of RAM>';  -- restart required"))
        .build();
  }

  private void addRatio(Finding.Builder finding, String name, Double ratio, boolean low) {
    if (ratio != null) {
      finding.evidence(low ? Evidence.crossed(name, ratio, "ratio", thresholds.cacheHitRatio())
          : Evidence.of(name, ratio, "ratio"));
    }
  }
}

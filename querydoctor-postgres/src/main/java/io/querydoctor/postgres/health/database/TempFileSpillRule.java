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
import io.querydoctor.postgres.health.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * temp-file-spill: queries wrote a lot to temporary files — sorts and hashes that did not fit in
 * {@code work_mem}. The suggested value covers the average spill, capped, because {@code work_mem} is per
 * sort/hash node per session and multiplies under load.
 */
public final class TempFileSpillRule implements HealthRule<DatabaseActivityCheck.Row> {

  /** Never suggest more than this per node: 256 MB times a few nodes times many sessions is already a lot. */
  private static final long MAX_SUGGESTED_KB = 256 * 1024;

  private final HealthThresholds thresholds;

  public TempFileSpillRule(HealthThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public List<Finding> evaluate(List<DatabaseActivityCheck.Row> rows) {
    List<Finding> findings = new ArrayList<>();
    for (DatabaseActivityCheck.Row row : rows) {
      if (row.tempBytes() >= thresholds.tempBytes()) {
        findings.add(finding(row));
      }
    }
    return findings;
  }

  private Finding finding(DatabaseActivityCheck.Row row) {
    long averageKb = row.tempBytes() / Math.max(row.tempFiles(), 1) / 1024;
    long suggestedKb = Math.min(MAX_SUGGESTED_KB, Math.max(row.workMemKb() * 2, nextPowerOfTwo(averageKb)));
    String suggested = suggestedKb % 1024 == 0 ? suggestedKb / 1024 + "MB" : suggestedKb + "kB";
    return Finding.builder("temp-file-spill", Severity.MEDIUM)
        .title("Queries in " + row.database() + " wrote " + Quantities.bytes(row.tempBytes()) + " to temporary files")
        .subject(Subject.setting("work_mem"))
        .detail(Quantities.number(row.tempFiles()) + " temporary files (average " + Quantities.bytes(averageKb * 1024.0)
            + ") since the statistics reset " + Quantities.format(row.statsAgeSeconds(), "s") + " ago, with work_mem = "
            + Quantities.bytes(row.workMemKb() * 1024.0) + ". Sorts and hashes that spill read and write disk "
            + "instead of memory.")
        .evidence(Evidence.crossed("temp_bytes", row.tempBytes(), "bytes", thresholds.tempBytes()))
        .evidence(Evidence.of("temp_files", row.tempFiles(), "count"))
        .evidence(Evidence.of("work_mem", row.workMemKb() * 1024.0, "bytes"))
        .evidence(Evidence.of("stats_age", row.statsAgeSeconds(), "s"))
        .impact(Impact.unknown(Quantities.bytes(row.tempBytes()) + " of temporary I/O"))
        .fix(Fix.setting("Log the spilling statements to find them (log_temp_files), then raise work_mem for this "
            + "database to " + suggested + " (covers the average spill; work_mem is per sort/hash per session, so "
            + "watch memory), or fix the plans that sort or hash too much.",
            "ALTER DATABASE " + QualifiedName.quote(row.database()) + " SET log_temp_files = '10MB';\n"
                + "ALTER DATABASE " + QualifiedName.quote(row.database()) + " SET work_mem = '" + suggested + "';"))
        .build();
  }

  private static long nextPowerOfTwo(long kb) {
    long value = 1024;
    while (value < kb) {
      value *= 2;
    }
    return value;
  }
}

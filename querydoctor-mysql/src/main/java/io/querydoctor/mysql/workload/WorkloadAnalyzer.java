package io.querydoctor.mysql.workload;

import io.querydoctor.core.diagnosis.Analyzer;
import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.digest.DigestThresholds;
import io.querydoctor.core.digest.SlowQueryRule;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.mysql.MySqlTarget;
import java.time.Clock;
import java.util.List;

/**
 * The workload of a MySQL/MariaDB schema from performance_schema's statement digests: core's slow-query rule
 * and the MySQL counter rules ({@link DigestRules}) on it, and the digest itself for the report's workload
 * table ({@link #digest()}, after {@link #analyze}). Without performance_schema, one skipped line says what
 * to turn on.
 */
public final class WorkloadAnalyzer implements Analyzer<MySqlTarget> {

  private final Clock clock;
  private WorkloadDigest digest;
  private List<DigestRow> rows = List.of();

  public WorkloadAnalyzer(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "workload";
  }

  @Override
  public void analyze(MySqlTarget target, DiagnosisResults results) throws Exception {
    PerformanceSchemaState state = PerformanceSchemaState.read(target.executor());
    if (!state.digestsCollected()) {
      results.skip("workload", state.digestAdvice());
      return;
    }
    rows = new StatementDigestReader().read(target.executor(), target.database());
    digest = DigestWorkload.build(rows, target.database(), "performance_schema statement digests of "
        + target.database() + " (" + target.server().label() + ")", clock.instant());
    long windowSeconds = rows.stream().mapToLong(DigestRow::firstSeenAgeSeconds).max().orElse(0);
    results.addAll(new SlowQueryRule(DigestThresholds.DEFAULTS).findings(digest));
    results.addAll(new DigestRules(target.database(), windowSeconds * 1000.0).findings(rows));
  }

  /** The application's digest rows read by the last {@link #analyze}, costliest first; empty before. */
  public List<DigestRow> rows() {
    return rows;
  }

  /** The workload read by the last {@link #analyze}, or null when performance_schema was not collecting. */
  public WorkloadDigest digest() {
    return digest;
  }
}

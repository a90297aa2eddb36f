package io.querydoctor.monitor;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.postgres.PgTarget;
import io.querydoctor.postgres.connect.SafeExecutor;
import io.querydoctor.postgres.health.HealthAnalyzer;
import java.util.List;

/**
 * The slower checks run on the heavy schedule: the catalog health checks of {@code querydoctor check} (through
 * the same read-only executor as sampling). Their findings go to the store with first/last seen times.
 */
public interface HeavyChecks {

  /** Runs the checks on {@code target}; throws when the target cannot be reached. Sampling thread only. */
  List<Finding> run(MonitoredTarget target) throws Exception;

  /** The health analyzer with its default thresholds. */
  static HeavyChecks health() {
    HealthAnalyzer analyzer = new HealthAnalyzer();
    return target -> {
      SafeExecutor executor = target.executor();
      int versionNum = executor.queryOne("SELECT current_setting('server_version_num')::int", rs -> rs.getInt(1));
      DiagnosisResults results = new DiagnosisResults();
      analyzer.analyze(new PgTarget(executor, versionNum, target.database()), results);
      return results.findings();
    };
  }

  static HeavyChecks none() {
    return target -> List.of();
  }
}

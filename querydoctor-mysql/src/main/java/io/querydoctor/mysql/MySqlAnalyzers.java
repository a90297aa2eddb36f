package io.querydoctor.mysql;

import io.querydoctor.core.diagnosis.Analyzer;
import io.querydoctor.core.digest.DigestSort;
import io.querydoctor.core.report.Report;
import io.querydoctor.core.report.WorkloadSection;
import io.querydoctor.mysql.health.MySqlHealthAnalyzer;
import io.querydoctor.mysql.plan.TopStatementPlans;
import io.querydoctor.mysql.workload.WorkloadAnalyzer;
import java.util.ArrayList;
import java.util.List;

/** The analyzers {@code check} and {@code diagnose} run on MySQL and MariaDB. */
public final class MySqlAnalyzers {

  /** How many query shapes the report's workload table shows, as for PostgreSQL. */
  public static final int TOP_SHAPES = 10;

  private MySqlAnalyzers() {}

  /** Only the catalog and server health checks ({@code querydoctor check}). */
  public static List<Analyzer<? super MySqlTarget>> health(MySqlThresholds thresholds) {
    List<Analyzer<? super MySqlTarget>> analyzers = new ArrayList<>();
    analyzers.add(new MySqlHealthAnalyzer(thresholds));
    return analyzers;
  }

  /**
   * Everything ({@code querydoctor diagnose}): the workload, the plans of its top shapes, then the health checks.
   * The analyzers run in this order (core's {@code Diagnosis} is sequential): the plans read the workload's rows.
   */
  public static List<Analyzer<? super MySqlTarget>> all(WorkloadAnalyzer workload, MySqlThresholds thresholds) {
    List<Analyzer<? super MySqlTarget>> analyzers = new ArrayList<>();
    analyzers.add(workload);
    analyzers.add(new TopStatementPlans(workload, TopStatementPlans.DEFAULT_TOP));
    analyzers.addAll(health(thresholds));
    return analyzers;
  }

  /** {@code report} with the workload's top shapes by total time, when performance_schema gave one. */
  public static Report withWorkload(Report report, WorkloadAnalyzer workload) {
    return workload.digest() == null ? report
        : report.withWorkload(new WorkloadSection("total", workload.digest().top(TOP_SHAPES, DigestSort.TOTAL), null));
  }
}

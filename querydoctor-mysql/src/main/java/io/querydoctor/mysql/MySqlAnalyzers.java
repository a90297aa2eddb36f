package io.querydoctor.mysql;

import io.querydoctor.core.diagnosis.Analyzer;
import io.querydoctor.mysql.health.MySqlHealthAnalyzer;
import java.util.ArrayList;
import java.util.List;

/** The analyzers {@code check} and {@code diagnose} run on MySQL and MariaDB. */
public final class MySqlAnalyzers {

  private MySqlAnalyzers() {}

  /** Only the catalog and server health checks ({@code querydoctor check}). */
  public static List<Analyzer<? super MySqlTarget>> health(MySqlThresholds thresholds) {
    List<Analyzer<? super MySqlTarget>> analyzers = new ArrayList<>();
    analyzers.add(new MySqlHealthAnalyzer(thresholds));
    return analyzers;
  }

  /** Everything ({@code querydoctor diagnose}): the workload, then the health checks. */
  public static List<Analyzer<? super MySqlTarget>> all(MySqlThresholds thresholds) {
    List<Analyzer<? super MySqlTarget>> analyzers = new ArrayList<>();
    analyzers.addAll(health(thresholds));
    return analyzers;
  }
}

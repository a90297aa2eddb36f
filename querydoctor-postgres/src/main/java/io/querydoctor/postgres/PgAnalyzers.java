package io.querydoctor.postgres;

import io.querydoctor.core.diagnosis.Analyzer;
import io.querydoctor.postgres.health.HealthAnalyzer;
import io.querydoctor.postgres.health.HealthThresholds;
import io.querydoctor.postgres.plan.TopQueryPlansAnalyzer;
import java.util.ArrayList;
import java.util.List;

/** The analyzers a PostgreSQL diagnosis runs, in order. */
public final class PgAnalyzers {

  private PgAnalyzers() {}

  /** Every analyzer available for a live PostgreSQL database, with default thresholds. */
  public static List<Analyzer<? super PgTarget>> all() {
    return all(HealthThresholds.defaults());
  }

  /** Every analyzer available for a live PostgreSQL database, the health checks with {@code thresholds}. */
  public static List<Analyzer<? super PgTarget>> all(HealthThresholds thresholds) {
    return all(thresholds, false);
  }

  /**
   * Every analyzer available for a live PostgreSQL database; the health checks with {@code thresholds}, and
   * bloat measured with pgstattuple when {@code exactBloat}.
   */
  public static List<Analyzer<? super PgTarget>> all(HealthThresholds thresholds, boolean exactBloat) {
    List<Analyzer<? super PgTarget>> analyzers = new ArrayList<>();
    analyzers.add(new HealthAnalyzer(thresholds, exactBloat));
    analyzers.add(new TopQueryPlansAnalyzer());
    return analyzers;
  }

  /** Only the catalog health checks ({@code querydoctor check}). */
  public static List<Analyzer<? super PgTarget>> health(HealthThresholds thresholds, boolean exactBloat) {
    return List.of(new HealthAnalyzer(thresholds, exactBloat));
  }
}

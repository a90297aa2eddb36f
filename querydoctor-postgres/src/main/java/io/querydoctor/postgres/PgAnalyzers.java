package io.querydoctor.postgres;

import io.querydoctor.core.diagnosis.Analyzer;
import io.querydoctor.postgres.advisor.HypoPgProposals;
import io.querydoctor.postgres.advisor.IndexAdvisor;
import io.querydoctor.postgres.advisor.IndexAdvisorAnalyzer;
import io.querydoctor.postgres.health.HealthAnalyzer;
import io.querydoctor.postgres.health.HealthThresholds;
import io.querydoctor.postgres.plan.AnalyzeBudget;
import io.querydoctor.postgres.plan.TopQueryPlansAnalyzer;
import io.querydoctor.core.diagnosis.Symptom;
import io.querydoctor.postgres.health.HealthCheck;
import io.querydoctor.postgres.health.HealthChecks;
import io.querydoctor.postgres.plan.QueryPlanAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    return all(thresholds, exactBloat, false);
  }

  /**
   * Every analyzer, the index advisor included: it builds candidate indexes in rolled-back transactions only
   * when {@code sandbox} (the user declared the database a sandbox), and is otherwise reported as skipped.
   */
  public static List<Analyzer<? super PgTarget>> all(HealthThresholds thresholds, boolean exactBloat,
      boolean sandbox) {
    return all(thresholds, exactBloat, sandbox, null);
  }

  /**
   * As {@link #all(HealthThresholds, boolean, boolean)}; with {@code analyze} (diagnose {@code --analyze}) the
   * top read-only statements are also run with sample values within that budget, else only planned (null).
   */
  public static List<Analyzer<? super PgTarget>> all(HealthThresholds thresholds, boolean exactBloat,
      boolean sandbox, AnalyzeBudget analyze) {
    return all(thresholds, exactBloat, sandbox, analyze, Map.of());
  }

  /**
   * As above, with the statement texts a log holds with their literal values, by fingerprint: the plans of the
   * top statements are also planned with them and reported when they differ from the generic ones.
   */
  public static List<Analyzer<? super PgTarget>> all(HealthThresholds thresholds, boolean exactBloat,
      boolean sandbox, AnalyzeBudget analyze, Map<String, String> loggedTexts) {
    return all(thresholds, exactBloat, sandbox, analyze, loggedTexts, List.of());
  }

  /**
   * As above, the index advisor also given {@code workload}: statements from logs or capture files, joined with
   * pg_stat_statements' by fingerprint.
   */
  public static List<Analyzer<? super PgTarget>> all(HealthThresholds thresholds, boolean exactBloat,
      boolean sandbox, AnalyzeBudget analyze, Map<String, String> loggedTexts,
      List<io.querydoctor.postgres.advisor.WorkloadStatement> workload) {
    return all(thresholds, exactBloat, sandbox, analyze, loggedTexts, workload,
        io.querydoctor.postgres.advisor.ParameterSamples.none());
  }

  /**
   * As above, the index advisor planning pg_stat_statements' {@code $n} texts with {@code samples}' literal values
   * (from the server's log) where they hold some.
   */
  public static List<Analyzer<? super PgTarget>> all(HealthThresholds thresholds, boolean exactBloat,
      boolean sandbox, AnalyzeBudget analyze, Map<String, String> loggedTexts,
      List<io.querydoctor.postgres.advisor.WorkloadStatement> workload,
      io.querydoctor.postgres.advisor.ParameterSamples samples) {
    List<Analyzer<? super PgTarget>> analyzers = new ArrayList<>();
    analyzers.add(new HealthAnalyzer(thresholds, exactBloat));
    analyzers.add(new TopQueryPlansAnalyzer(io.querydoctor.core.plan.PlanAnalyzer.withDefaults(),
        TopQueryPlansAnalyzer.DEFAULT_TOP, analyze, loggedTexts, new HypoPgProposals()));
    analyzers.add(new IndexAdvisorAnalyzer(IndexAdvisor.withDefaults(), sandbox, workload, samples));
    return analyzers;
  }

  /**
   * The analyzers the runbook's diagnosis tree picks for {@code symptom} (see {@link Symptom}); {@code query} is
   * the statement of {@link Symptom#ONE_QUERY} (null otherwise), explained with ANALYZE when {@code analyze}.
   */
  public static List<Analyzer<? super PgTarget>> forSymptom(Symptom symptom, HealthThresholds thresholds,
      boolean exactBloat, String query, boolean analyze) {
    return forSymptom(symptom, thresholds, exactBloat, query, analyze, null);
  }

  /** As above; the plans of the top statements also run within {@code budget} ({@code --analyze}), or not (null). */
  public static List<Analyzer<? super PgTarget>> forSymptom(Symptom symptom, HealthThresholds thresholds,
      boolean exactBloat, String query, boolean analyze, AnalyzeBudget budget) {
    return forSymptom(symptom, thresholds, exactBloat, query, analyze, budget, Map.of(), List.of(),
        io.querydoctor.postgres.advisor.ParameterSamples.none());
  }

  /**
   * As above, with what the diagnosis' logs and capture files add, as {@link #all} takes them: the logged texts
   * with their literal values (plans of the top statements), the statements the index advisor is also given, and
   * the sample values it plans pg_stat_statements' {@code $n} texts with.
   */
  public static List<Analyzer<? super PgTarget>> forSymptom(Symptom symptom, HealthThresholds thresholds,
      boolean exactBloat, String query, boolean analyze, AnalyzeBudget budget, Map<String, String> loggedTexts,
      List<io.querydoctor.postgres.advisor.WorkloadStatement> workload,
      io.querydoctor.postgres.advisor.ParameterSamples samples) {
    List<HealthCheck<?>> checks = HealthChecks.all(thresholds, exactBloat).stream()
        .filter(check -> SYMPTOM_CHECKS.get(symptom).stream().anyMatch(prefix -> check.name().startsWith(prefix)))
        .toList();
    List<Analyzer<? super PgTarget>> analyzers = new ArrayList<>();
    if (!checks.isEmpty()) {
      analyzers.add(new HealthAnalyzer(checks));
    }
    if (symptom == Symptom.ONE_QUERY) {
      analyzers.add(new QueryPlanAnalyzer(query, analyze));
    } else if (symptom != Symptom.INTERMITTENT) {
      analyzers.add(new TopQueryPlansAnalyzer(io.querydoctor.core.plan.PlanAnalyzer.withDefaults(),
          TopQueryPlansAnalyzer.DEFAULT_TOP, budget, loggedTexts, new HypoPgProposals()));
    }
    if (symptom != Symptom.INTERMITTENT) {
      analyzers.add(new IndexAdvisorAnalyzer(IndexAdvisor.withDefaults(), analyze, workload, samples));
    }
    return analyzers;
  }

  /** Health checks by name prefix per symptom, as the runbook's diagnosis tree branches. */
  private static final Map<Symptom, List<String>> SYMPTOM_CHECKS = Map.of(
      // The query's tables: its indexes and statistics.
      Symptom.ONE_QUERY, List.of("indexes.", "maintenance.tables"),
      // What changed: the extension that shows the shapes; the plans of the top statements do the rest.
      Symptom.AFTER_DEPLOY, List.of("extensions.", "maintenance.tables"),
      Symptom.GRADUAL, List.of("maintenance.", "indexes.", "schema.", "cache."),
      Symptom.INTERMITTENT, List.of("connections.", "locks.", "database.", "replication."),
      Symptom.BROAD, List.of("database.", "cache.", "extensions.", "connections.saturation", "maintenance.tables"));

  /** Only the catalog health checks ({@code querydoctor check}). */
  public static List<Analyzer<? super PgTarget>> health(HealthThresholds thresholds, boolean exactBloat) {
    return List.of(new HealthAnalyzer(thresholds, exactBloat));
  }
}

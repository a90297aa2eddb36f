package io.querydoctor.postgres.plan;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.plan.PlanAnalysis;
import io.querydoctor.core.plan.PlanAnalyzer;
import io.querydoctor.core.plan.PlanTreeRenderer;
import io.querydoctor.core.report.QueryPlan;
import io.querydoctor.core.report.Report;
import io.querydoctor.core.report.SkippedCheck;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code querydoctor explain} does, without the command line: explain a statement on a live database
 * (safely, through {@link PgExplainer}) or read a plan the user already has, run the plan rules, and give back
 * the annotated tree and a report. Not thread-safe when explaining live (it uses the executor's connection).
 */
public final class ExplainService {

  private final PlanAnalyzer analyzer;

  public ExplainService(PlanAnalyzer analyzer) {
    this.analyzer = analyzer;
  }

  public static ExplainService withDefaults() {
    return new ExplainService(PlanAnalyzer.withDefaults());
  }

  /**
   * Explains {@code sql} on the executor's database and analyzes the plan.
   *
   * @param analyze run it with EXPLAIN ANALYZE when that is safe (reads), else plain EXPLAIN
   * @param analyzeWrites also run writing statements, in a transaction that is rolled back
   * @param query name findings about the query as a whole are filed under (a fingerprint, or "query")
   */
  public Explained explain(SafeExecutor executor, String sql, boolean analyze, boolean analyzeWrites, String query)
      throws SQLException {
    return explain(executor, sql, analyze, analyzeWrites, query, 0);
  }

  /**
   * As {@link #explain(SafeExecutor, String, boolean, boolean, String)}, for a query shape of a workload whose
   * call rate is known ({@code diagnose}): findings' impact is then time per execution × calls per hour.
   * A {@code $1}-parameterised text (pg_stat_statements) gets a generic plan on PostgreSQL 16+.
   */
  public Explained explain(SafeExecutor executor, String sql, boolean analyze, boolean analyzeWrites, String query,
      double callsPerHour) throws SQLException {
    return explain(executor, sql, analyze, analyzeWrites, query, callsPerHour, 0);
  }

  /** As above, with the query's measured mean time so that a plan not run still yields time estimates. */
  public Explained explain(SafeExecutor executor, String sql, boolean analyze, boolean analyzeWrites, String query,
      double callsPerHour, double meanMillis) throws SQLException {
    ExplainResult result = new PgExplainer(executor).explain(sql, analyze, analyzeWrites);
    java.util.function.ToDoubleFunction<String> tableRows = result.plan().isAnalyzed()
        ? io.querydoctor.core.plan.rules.PlanContext.NO_TABLE_ROWS : tableRows(executor, result.plan());
    return new Explained(analyzer.analyze(result.plan(), query, callsPerHour, meanMillis, tableRows,
        CatalogColumnTypes.of(executor, result.plan())), result.mode(), result.note());
  }

  /**
   * The catalog's row estimate (pg_class.reltuples, as of the last ANALYZE or VACUUM) of each table the plan
   * reads, for rules judging a plan that was not run. Unknown tables (and never-analyzed ones, -1) are negative.
   */
  private static java.util.function.ToDoubleFunction<String> tableRows(SafeExecutor executor,
      io.querydoctor.core.plan.Plan plan) throws SQLException {
    java.util.Map<String, Double> rows = new java.util.HashMap<>();
    for (var node : plan.nodes()) {
      String relation = node.relation();
      if (relation != null && !rows.containsKey(relation)) {
        List<Double> found = executor.query(
            "SELECT reltuples::float8 FROM pg_class WHERE oid = to_regclass(?)", rs -> rs.getDouble(1), relation);
        rows.put(relation, found.isEmpty() ? -1.0 : found.get(0));
      }
    }
    return table -> rows.getOrDefault(table, -1.0);
  }

  /**
   * Analyzes EXPLAIN output given as text, in JSON or text format (detected by {@link PgPlanFormat#of});
   * {@link PlanFormatException} when it is neither.
   */
  public Explained analyzePlan(String plan, String query) {
    return analyzePlan(PgPlanFormat.detectAndRead(plan), query);
  }

  /** Analyzes a plan already read (from a file: {@link PlanFile}). */
  public Explained analyzePlan(io.querydoctor.core.plan.Plan plan, String query) {
    return new Explained(analyzer.analyze(plan, query, 0), null, "");
  }

  /**
   * An analyzed plan and how it was obtained.
   *
   * @param analysis the plan and its findings
   * @param mode what was run, or null when the plan came from a file
   * @param note why the mode differs from what was asked, or empty
   */
  public record Explained(PlanAnalysis analysis, ExplainMode mode, String note) {

    /** The annotated plan tree: self times, rows estimated vs actual, findings under their nodes. */
    public String tree() {
      StringBuilder text = new StringBuilder();
      if (mode != null) {
        text.append(mode.prefix()).append('\n');
      }
      if (!note.isEmpty()) {
        text.append("Note: ").append(note).append('\n');
      }
      text.append(new PlanTreeRenderer().render(analysis));
      if (analysis.findings().isEmpty()) {
        text.append("The plan looks fine: no plan rule fired.\n");
      }
      return text.toString();
    }

    /**
     * The findings and the annotated plan as a report for the renderers (every format shows the tree); time-based
     * rules that could not run are listed as skipped.
     *
     * @param statement what was explained: the SQL, or the plan file's name
     */
    public Report report(String target, String tool, Instant generatedAt, long durationMillis, String statement) {
      List<Finding> findings = analysis.reportFindings();
      List<SkippedCheck> skipped = new ArrayList<>();
      if (!analysis.plan().isAnalyzed()) {
        skipped.add(new SkippedCheck("plans", "the plan was not run (EXPLAIN without ANALYZE): rules that need "
            + "measured rows and times (spills, filters, misestimates, heap fetches) could not check it"
            + (note.isEmpty() ? "" : "; " + note)));
      }
      if (QueryPlan.tooDeep(analysis.plan())) {
        skipped.add(new SkippedCheck("plan-tree", "the plan nests " + analysis.plan().depth() + " levels deep, more "
            + "than a report's tree holds (" + QueryPlan.MAX_DEPTH + "); the text output of explain shows it"));
        return new Report(Report.SCHEMA_VERSION, tool, generatedAt, target, durationMillis, findings, skipped);
      }
      return new Report(Report.SCHEMA_VERSION, tool, generatedAt, target, durationMillis, findings, skipped)
          .withPlans(List.of(QueryPlan.of("query", statement, analysis)));
    }
  }
}

package io.querydoctor.postgres.plan;

import io.querydoctor.core.diagnosis.Analyzer;
import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.verify.VerifiedFixes;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.plan.PlanAnalyzer;
import io.querydoctor.core.report.QueryPlan;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.postgres.PgTarget;
import io.querydoctor.postgres.connect.ConnectionErrors;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plan analysis inside {@code diagnose}: the read statements of this database that cost the most in
 * pg_stat_statements (total execution time) are explained and their plans checked by the plan rules.
 *
 * <p>By default only plain EXPLAIN: diagnose never runs the application's heaviest queries unless asked.
 * pg_stat_statements keeps them with {@code $1} parameters, which are planned generically:
 * {@code EXPLAIN (GENERIC_PLAN)} on PostgreSQL 16+, a prepared statement with the plan cache forced generic on
 * 13–15 ({@link GenericPlanner}). A statement the server cannot plan without values is a skipped check of its
 * own, naming it. So only the rules that work on estimates fire (non-sargable predicates, top-N sorts, nested
 * loops, join explosions, heavy aggregates, scans against the catalog's row counts); their time is estimated as
 * the node's share of the plan's cost × the statement's measured mean time, and their impact uses the
 * statement's calls per hour since statistics were reset.
 *
 * <p>Two ways to real values: with a {@link AnalyzeBudget} ({@code --analyze}) the read-only statements run
 * with sample values ({@link SampledRun}); without, a statement the server's log holds with its literal values
 * is planned with them too. When that custom plan differs from the generic one ({@link PlanShapes}), both go
 * into the report and the generic plan's own findings are kept. Findings are filed under the statement's
 * fingerprint and name its normalized text (no literal values). Each explained plan goes into the report's plan
 * trees with its findings at their nodes.
 */
public final class TopQueryPlansAnalyzer implements Analyzer<PgTarget> {

  /** Enough to cover what dominates a typical workload; each costs one EXPLAIN. */
  public static final int DEFAULT_TOP = 10;

  /** The top statements by total time, plus up to {@link #MORE_SPILLING} more that wrote temporary files. */
  private static final String TOP_STATEMENTS = """
      SELECT query, calls, mean_exec_time, hours, temp_blks_written FROM (
        SELECT s.query, s.calls, s.mean_exec_time, s.temp_blks_written,
               greatest(extract(epoch FROM now() - i.stats_reset) / 3600, 1) AS hours,
               row_number() OVER (ORDER BY s.total_exec_time DESC) AS rank
        FROM pg_stat_statements s CROSS JOIN pg_stat_statements_info i
        WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND s.toplevel AND s.query ~* '^\\s*(select|with)\\M'
      ) ranked
      WHERE rank <= ? OR temp_blks_written > 0
      ORDER BY rank
      LIMIT ?
      """;

  /**
   * The same on PostgreSQL 13 (pg_stat_statements 1.8): no {@code toplevel} column (nested statements are only
   * tracked with {@code pg_stat_statements.track = all}) and no reset time, so rates run from the server's start.
   */
  private static final String TOP_STATEMENTS_13 = """
      SELECT query, calls, mean_exec_time, hours, temp_blks_written FROM (
        SELECT s.query, s.calls, s.mean_exec_time, s.temp_blks_written,
               greatest(extract(epoch FROM now() - pg_postmaster_start_time()) / 3600, 1) AS hours,
               row_number() OVER (ORDER BY s.total_exec_time DESC) AS rank
        FROM pg_stat_statements s
        WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND s.query ~* '^\\s*(select|with)\\M'
      ) ranked
      WHERE rank <= ? OR temp_blks_written > 0
      ORDER BY rank
      LIMIT ?
      """;

  /** First major with pg_stat_statements 1.9 ({@code toplevel}, {@code pg_stat_statements_info}). */
  private static final int TOPLEVEL_SINCE = 14;

  /** Spilling statements explained beyond the top ones: a spill is cheap to confirm and often worth fixing. */
  private static final int MORE_SPILLING = 5;

  private record TopStatement(String query, long calls, double meanMillis, double hours, long tempBlocksWritten) {}

  private final ExplainService service;
  private final SqlFingerprinter fingerprinter = SqlFingerprinter.of(SqlDialect.POSTGRESQL);
  private final int top;
  private final AnalyzeBudget budget;
  private final java.util.Map<String, String> loggedTexts;
  private final ProposedIndexCheck proposals;

  public TopQueryPlansAnalyzer(PlanAnalyzer analyzer, int top) {
    this(analyzer, top, null);
  }

  /**
   * @param budget with {@code --analyze}: run the read-only statements with sample values within it
   *     ({@link SampledRun}); null to only plan them
   */
  public TopQueryPlansAnalyzer(PlanAnalyzer analyzer, int top, AnalyzeBudget budget) {
    this(analyzer, top, budget, java.util.Map.of());
  }

  /**
   * @param loggedTexts by fingerprint, a statement text with its literal values from the server's log: planned
   *     as well (a custom plan), and reported when its plan differs from the generic one
   */
  public TopQueryPlansAnalyzer(PlanAnalyzer analyzer, int top, AnalyzeBudget budget,
      java.util.Map<String, String> loggedTexts) {
    this(analyzer, top, budget, loggedTexts, ProposedIndexCheck.NONE);
  }

  /** @param proposals the what-if that checks each proposed index on the statement it is for */
  public TopQueryPlansAnalyzer(PlanAnalyzer analyzer, int top, AnalyzeBudget budget,
      java.util.Map<String, String> loggedTexts, ProposedIndexCheck proposals) {
    this.service = new ExplainService(analyzer);
    this.top = top;
    this.budget = budget;
    this.loggedTexts = java.util.Map.copyOf(loggedTexts);
    this.proposals = proposals;
  }

  public TopQueryPlansAnalyzer() {
    this(PlanAnalyzer.withDefaults(), DEFAULT_TOP);
  }

  @Override
  public String name() {
    return "plans";
  }

  @Override
  public void analyze(PgTarget target, DiagnosisResults results) {
    List<TopStatement> statements;
    String topStatements = target.majorVersion() < TOPLEVEL_SINCE ? TOP_STATEMENTS_13 : TOP_STATEMENTS;
    try {
      statements = target.executor().query(topStatements, rs -> new TopStatement(rs.getString(1), rs.getLong(2),
          rs.getDouble(3), rs.getDouble(4), rs.getLong(5)), top, top + MORE_SPILLING);
    } catch (SQLException e) {
      results.skip(name(), "cannot read pg_stat_statements in this database: "
          + ConnectionErrors.firstLine(e.getMessage()));
      return;
    }
    if (statements.isEmpty()) {
      skipHidden(target, results);
    }
    List<String> failures = new ArrayList<>();
    boolean proposed = false;
    for (TopStatement statement : statements) {
      try {
        List<Finding> found = checked(target, findings(target, statement, results), statement.query());
        proposed |= found.stream().anyMatch(f -> f.fix().sql() != null && f.fix().sql().startsWith("CREATE INDEX"));
        results.addAll(found);
      } catch (UnplannableStatementException e) {
        results.skip(name(), "query " + fingerprinter.fingerprint(statement.query()).id() + " not planned: "
            + e.getMessage());
      } catch (SQLException | IllegalArgumentException e) {
        failures.add(ConnectionErrors.firstLine(e.getMessage()));
      }
    }
    if (budget == null && !statements.isEmpty()) {
      results.skip(name(), "the plans of the top statements were estimated, not run: --analyze would run the "
          + "read-only ones with sample values (EXPLAIN ANALYZE in read-only transactions rolled back, "
          + AnalyzeBudget.DEFAULT.toSeconds() + " s in all) so that the rules needing actual rows (misestimates, "
          + "spills, lossy bitmaps, loops) check them too");
    }
    if (!failures.isEmpty()) {
      results.skip(name(), failures.size() + " of " + statements.size() + " top statements could not be "
          + "explained, e.g.: " + failures.get(0));
    }
    if (proposed && !whatIfAvailable(target)) {
      results.skip(name(), "the indexes the plan findings propose were not checked with a what-if: with HypoPG "
          + "installed in this database (CREATE EXTENSION hypopg) each is tried as a hypothetical index, nothing "
          + "built, and a proposal the planner would not use says so");
    }
  }

  /**
   * Each finding whose fix creates an index, checked with the what-if on the statement it came from: the planner
   * cost before and after joins the finding, and a proposal the planner would not use says so and drops a
   * severity ({@link VerifiedFixes#notImproved}).
   */
  private List<Finding> checked(PgTarget target, List<Finding> findings, String sql) throws SQLException {
    List<Finding> checked = new ArrayList<>();
    for (Finding f : findings) {
      String ddl = f.fix().sql();
      java.util.Optional<io.querydoctor.core.finding.Verification> effect = f.verification() == null && ddl != null
          && ddl.startsWith("CREATE INDEX") ? proposals.check(target.executor(), ddl, sql) : java.util.Optional.empty();
      checked.add(effect.map(v -> v.improved() ? f.withVerification(v) : VerifiedFixes.notImproved(f, v)).orElse(f));
    }
    return checked;
  }

  private boolean whatIfAvailable(PgTarget target) {
    try {
      return proposals.available(target.executor());
    } catch (SQLException e) {
      return false;
    }
  }

  /** Without pg_read_all_stats, other roles' statements show no text: say so rather than look healthy. */
  private void skipHidden(PgTarget target, DiagnosisResults results) {
    try {
      long hidden = target.executor().queryOne("SELECT count(*) FROM pg_stat_statements WHERE query = "
          + "'<insufficient privilege>' AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())",
          rs -> rs.getLong(1));
      if (hidden > 0) {
        results.skip(name(), "the texts of " + hidden + " statements of other roles are hidden from this role, so "
            + "their plans could not be checked: GRANT pg_read_all_stats (or pg_monitor) to it");
      }
    } catch (SQLException e) {
      results.skip(name(), "cannot read pg_stat_statements: " + ConnectionErrors.firstLine(e.getMessage()));
    }
  }

  /**
   * The custom plan of the statement's logged text with its literal values (plain EXPLAIN: nothing runs), or
   * the generic plan when the log has none or it cannot be planned.
   */
  private ExplainService.Explained logged(PgTarget target, TopStatement statement, String fingerprint,
      ExplainService.Explained generic) {
    String text = loggedTexts.get(fingerprint);
    if (text == null) {
      return generic;
    }
    try {
      StatementText literal = StatementText.of(text);
      if (!literal.isReadOnly() || literal.hasPositionalParameters()) {
        return generic;
      }
      return service.explain(target.executor(), literal.sql(), false, false, fingerprint,
          statement.calls() / statement.hours(), statement.meanMillis());
    } catch (SQLException | IllegalArgumentException e) {
      return generic;
    }
  }

  /** The statement run with sample values when that is safe and the budget allows, else as planned. */
  private ExplainService.Explained run(PgTarget target, TopStatement statement, String fingerprint,
      ExplainService.Explained planned, DiagnosisResults results) {
    String why;
    try {
      SampledRun.Outcome outcome = new SampledRun(target.executor(), budget).run(statement.query(),
          planned.analysis().plan());
      if (outcome.plan() != null) {
        return service.analyzeRun(outcome.plan(), fingerprint, statement.calls() / statement.hours(),
            statement.meanMillis());
      }
      why = outcome.notRun();
    } catch (SQLException | IllegalArgumentException e) {
      why = ConnectionErrors.firstLine(String.valueOf(e.getMessage()));
    }
    results.skip(name(), "query " + fingerprint + " not run with --analyze: " + why + "; its plan is estimated");
    return planned;
  }

  private static void add(List<Finding> findings, ExplainService.Explained explained, String fingerprint,
      TopStatement statement, String note) {
    for (Finding f : explained.analysis().reportFindings()) {
      findings.add(f.withDetail(f.detail() + note + " Query " + fingerprint + ": " + statement.query())
          .alsoConcerning(List.of(Subject.fingerprint(fingerprint))));
    }
  }

  private List<Finding> findings(PgTarget target, TopStatement statement, DiagnosisResults results)
      throws SQLException {
    String fingerprint = fingerprinter.fingerprint(statement.query()).id();
    ExplainService.Explained generic = service.explain(target.executor(), statement.query(), false, false,
        fingerprint, statement.calls() / statement.hours(), statement.meanMillis());
    ExplainService.Explained explained = budget != null ? run(target, statement, fingerprint, generic, results)
        : logged(target, statement, fingerprint, generic);
    if (!QueryPlan.tooDeep(explained.analysis().plan())) {
      results.addPlan(QueryPlan.of(fingerprint, statement.query(), explained.analysis()));
    }
    String difference = explained == generic ? null
        : PlanShapes.difference(generic.analysis().plan(), explained.analysis().plan());
    List<Finding> findings = new ArrayList<>();
    String ran = difference == null ? "" : " Planned with real values; its generic plan, which the server caches "
        + "after five executions of a prepared statement, differs (" + difference + ").";
    add(findings, explained, fingerprint, statement, ran);
    if (difference != null) {
      // Both plans are real for the application: report what the generic one adds.
      if (!QueryPlan.tooDeep(generic.analysis().plan())) {
        results.addPlan(QueryPlan.of(fingerprint, statement.query() + " -- generic plan", generic.analysis()));
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      findings.forEach(f -> seen.add(f.key()));
      List<Finding> fromGeneric = new ArrayList<>();
      add(fromGeneric, generic, fingerprint, statement, " In its generic plan (which the server caches after "
          + "five executions of a prepared statement); the plan for real values differs (" + difference + ").");
      fromGeneric.stream().filter(f -> !seen.contains(f.key())).forEach(findings::add);
    }
    boolean spillSeen = findings.stream().anyMatch(f -> f.ruleId().endsWith("-spill"));
    if (!spillSeen) {
      double callsPerHour = statement.calls() / statement.hours();
      StatementSpill.of(explained.analysis().plan(), fingerprint, statement.query(), statement.calls(), callsPerHour,
          statement.meanMillis(), statement.tempBlocksWritten()).ifPresent(findings::add);
    }
    return findings;
  }
}

package io.querydoctor.postgres.plan;

import io.querydoctor.core.diagnosis.Analyzer;
import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Finding;
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
 * <p>Only plain EXPLAIN: diagnose must never run the application's heaviest queries. pg_stat_statements keeps
 * them with {@code $1} parameters, which PostgreSQL 16+ plans generically ({@code EXPLAIN (GENERIC_PLAN)});
 * older servers are skipped with that reason. So only the rules that work on estimates can fire
 * (non-sargable predicates, top-N sorts, nested loops, join explosions, heavy aggregates); their time is
 * estimated as the node's share of the plan's cost × the statement's measured mean time, and their impact
 * uses the statement's calls per hour since statistics were reset. Findings are filed under the statement's
 * fingerprint and name its normalized text (no literal values). Each explained plan goes into the report's
 * plan trees with its findings at their nodes.
 */
public final class TopQueryPlansAnalyzer implements Analyzer<PgTarget> {

  /** Enough to cover what dominates a typical workload; each costs one EXPLAIN. */
  public static final int DEFAULT_TOP = 10;

  static final int MIN_SERVER_VERSION_NUM = 160_000;

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

  /** Spilling statements explained beyond the top ones: a spill is cheap to confirm and often worth fixing. */
  private static final int MORE_SPILLING = 5;

  private record TopStatement(String query, long calls, double meanMillis, double hours, long tempBlocksWritten) {}

  private final ExplainService service;
  private final SqlFingerprinter fingerprinter = SqlFingerprinter.of(SqlDialect.POSTGRESQL);
  private final int top;

  public TopQueryPlansAnalyzer(PlanAnalyzer analyzer, int top) {
    this.service = new ExplainService(analyzer);
    this.top = top;
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
    if (target.serverVersionNum() < MIN_SERVER_VERSION_NUM) {
      results.skip(name(), "plans of the top statements need EXPLAIN (GENERIC_PLAN), PostgreSQL 16 or later");
      return;
    }
    List<TopStatement> statements;
    try {
      statements = target.executor().query(TOP_STATEMENTS, rs -> new TopStatement(rs.getString(1), rs.getLong(2),
          rs.getDouble(3), rs.getDouble(4), rs.getLong(5)), top, top + MORE_SPILLING);
    } catch (SQLException e) {
      results.skip(name(), "cannot read pg_stat_statements in this database: "
          + ConnectionErrors.firstLine(e.getMessage()));
      return;
    }
    List<String> failures = new ArrayList<>();
    for (TopStatement statement : statements) {
      try {
        results.addAll(findings(target, statement, results));
      } catch (SQLException | IllegalArgumentException e) {
        failures.add(ConnectionErrors.firstLine(e.getMessage()));
      }
    }
    if (!failures.isEmpty()) {
      results.skip(name(), failures.size() + " of " + statements.size() + " top statements could not be "
          + "explained, e.g.: " + failures.get(0));
    }
  }

  private List<Finding> findings(PgTarget target, TopStatement statement, DiagnosisResults results)
      throws SQLException {
    String fingerprint = fingerprinter.fingerprint(statement.query()).id();
    ExplainService.Explained explained = service.explain(target.executor(), statement.query(), false, false,
        fingerprint, statement.calls() / statement.hours(), statement.meanMillis());
    if (!QueryPlan.tooDeep(explained.analysis().plan())) {
      results.addPlan(QueryPlan.of(fingerprint, statement.query(), explained.analysis()));
    }
    List<Finding> findings = new ArrayList<>();
    for (Finding f : explained.analysis().reportFindings()) {
      findings.add(f.withDetail(f.detail() + " Query " + fingerprint + ": " + statement.query())
          .alsoConcerning(List.of(Subject.fingerprint(fingerprint))));
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

package io.querydoctor.mysql.plan;

import io.querydoctor.core.diagnosis.Analyzer;
import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.plan.PlanAnalysis;
import io.querydoctor.core.report.QueryPlan;
import io.querydoctor.mysql.MySqlTarget;
import io.querydoctor.mysql.plan.rules.MysqlPlanRules;
import io.querydoctor.mysql.workload.DigestRow;
import io.querydoctor.mysql.workload.DigestWorkload;
import io.querydoctor.mysql.workload.StatementDigestReader;
import io.querydoctor.mysql.workload.WorkloadAnalyzer;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The plan rules on the workload's costliest statement shapes, as PostgreSQL's diagnose runs them on
 * pg_stat_statements' top statements: each shape's literal sample ({@link StatementSamples}) is planned with
 * {@code EXPLAIN FORMAT=JSON} in the read-only session (nothing runs) and its findings join the report; the
 * diagnosis's root-cause merge folds a plan finding and a workload finding on the same table into one.
 *
 * <p>Design note. Only single SELECTs are planned: the session is read-only and the server refuses even the
 * EXPLAIN of a write there. Shapes that are not planned are counted by reason in one skipped line, so a report
 * never looks healthier than what was looked at. Runs after {@link WorkloadAnalyzer}, whose rows it reads.
 */
public final class TopStatementPlans implements Analyzer<MySqlTarget> {

  /** How many shapes by total time are planned, as PostgreSQL's diagnose does. */
  public static final int DEFAULT_TOP = 10;

  private static final Pattern FROM = Pattern.compile("(?i)\\bFROM\\b");
  private static final Pattern MORE_THAN_ONE = Pattern.compile(";\\s*\\S");

  private final WorkloadAnalyzer workload;
  private final int top;

  public TopStatementPlans(WorkloadAnalyzer workload, int top) {
    this.workload = workload;
    this.top = top;
  }

  @Override
  public String name() {
    return "plans";
  }

  @Override
  public void analyze(MySqlTarget target, DiagnosisResults results) throws Exception {
    List<DigestRow> rows = workload.rows().stream().limit(top).toList();
    if (rows.isEmpty()) {
      return;
    }
    Map<String, String> samples;
    try {
      samples = StatementSamples.read(target.executor(), target.database());
    } catch (SQLException e) {
      results.skip(name(), "cannot read statement samples from performance_schema: "
          + firstLine(e.getMessage()));
      return;
    }
    MysqlExplainer explainer = new MysqlExplainer(target.executor());
    Map<String, Integer> notPlanned = new TreeMap<>();
    String example = null;
    int looked = 0;
    for (DigestRow row : rows) {
      String sample = samples.get(row.digest());
      if (sample != null && !StatementDigestReader.isApplication(sample)) {
        // A driver's or this tool's own statement whose digest text did not show it (SELECT VERSION()).
        continue;
      }
      looked++;
      String reason = notPlannable(sample);
      if (reason == null) {
        try {
          results.addAll(findings(explainer.explain(sample, false).plan(), row, results));
        } catch (SQLException | RuntimeException e) {
          reason = "could not be explained";
          example = example != null ? example : firstLine(e.getMessage());
        }
      }
      if (reason != null) {
        notPlanned.merge(reason, 1, Integer::sum);
      }
    }
    if (!notPlanned.isEmpty()) {
      results.skip(name(), skippedLine(notPlanned, looked, example));
    }
  }

  /** The plan's findings, each also about the query shape so the merge folds it with that shape's workload ones. */
  private static List<Finding> findings(MysqlPlan plan, DigestRow row, DiagnosisResults results) {
    String fingerprint = DigestWorkload.fingerprint(row.sql());
    double hours = Math.max(row.firstSeenAgeSeconds(), 1) / 3600.0;
    PlanAnalysis analysis = MysqlPlanRules.analyzer(plan).analyze(plan.plan(), fingerprint, row.calls() / hours,
        row.meanMillis());
    if (!QueryPlan.tooDeep(analysis.plan())) {
      results.addPlan(QueryPlan.of(fingerprint, row.sql(), analysis));
    }
    return analysis.reportFindings().stream()
        .map(f -> f.withDetail(f.detail() + " Query " + fingerprint + " (" + row.calls() + " calls): " + row.sql())
            .alsoConcerning(List.of(Subject.fingerprint(fingerprint))))
        .toList();
  }

  /** The message's first line without its quoted text: a syntax error quotes the statement and its literals. */
  private static String firstLine(String message) {
    return message == null ? "no reason given" : message.strip().split("\\R", 2)[0].replaceAll("'[^']*'", "'…'");
  }

  /** Why {@code sample} is not planned, or null when it is a single SELECT reading a table. */
  static String notPlannable(String sample) {
    if (sample == null) {
      return "no literal sample";
    }
    return !singleSelect(sample) ? "not a single SELECT" : !FROM.matcher(sample).find() ? "reads no table" : null;
  }

  static boolean singleSelect(String sql) {
    String statement = sql.strip().replaceAll(";\\s*$", "");
    return !MORE_THAN_ONE.matcher(statement).find() && MysqlExplainer.isRead(statement);
  }

  static String skippedLine(Map<String, Integer> notPlanned, int looked, String example) {
    StringBuilder line = new StringBuilder();
    notPlanned.forEach((reason, count) -> line.append(line.isEmpty() ? "" : ", ").append(count).append(' ')
        .append(reason));
    return "of the top " + looked + " statement shapes, not planned: " + line
        + (notPlanned.containsKey("no literal sample") ? " (MariaDB keeps literal texts in the statement history: "
            + "UPDATE performance_schema.setup_consumers SET ENABLED = 'YES' WHERE NAME = "
            + "'events_statements_history_long')" : "")
        + (example == null ? "" : "; e.g. " + example);
  }
}

package io.querydoctor.postgres.plan;

import io.querydoctor.core.diagnosis.Analyzer;
import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.postgres.PgTarget;
import io.querydoctor.postgres.connect.ConnectionErrors;
import java.sql.SQLException;
import java.util.List;

/**
 * The plan step of {@code diagnose --symptom one-query --query SQL}: the one query the user named, explained and
 * checked by the plan rules. Plain EXPLAIN unless {@code analyze} (then EXPLAIN ANALYZE for reads only, in a
 * read-only transaction that is rolled back); a {@code $1}-parameterised text gets a generic plan (13+).
 */
public final class QueryPlanAnalyzer implements Analyzer<PgTarget> {

  private final String sql;
  private final boolean analyze;
  private final ExplainService service = ExplainService.withDefaults();

  public QueryPlanAnalyzer(String sql, boolean analyze) {
    this.sql = sql;
    this.analyze = analyze;
  }

  @Override
  public String name() {
    return "query plan";
  }

  @Override
  public void analyze(PgTarget target, DiagnosisResults results) {
    String fingerprint = SqlFingerprinter.of(SqlDialect.POSTGRESQL).fingerprint(sql).id();
    try {
      ExplainService.Explained explained = service.explain(target.executor(), sql, analyze, false, fingerprint, 0, 0);
      for (Finding f : explained.analysis().reportFindings()) {
        results.add(f.alsoConcerning(List.of(Subject.fingerprint(fingerprint))));
      }
      if (!explained.note().isEmpty()) {
        results.skip(name(), explained.note());
      }
    } catch (SQLException | IllegalArgumentException e) {
      results.skip(name(), "the query could not be explained: " + ConnectionErrors.firstLine(e.getMessage()));
    }
  }
}

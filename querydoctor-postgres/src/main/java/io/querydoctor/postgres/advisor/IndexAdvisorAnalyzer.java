package io.querydoctor.postgres.advisor;

import io.querydoctor.core.advisor.IndexAdvice.SkippedQuery;
import io.querydoctor.core.diagnosis.Analyzer;
import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.postgres.PgTarget;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.util.List;

/**
 * The index advisor inside {@code diagnose}: {@code missing-index} findings for the workload in
 * pg_stat_statements. It needs a what-if: on a database the user declared a sandbox it builds candidates in
 * rolled-back transactions; anywhere else it is skipped with how to enable it, and builds nothing.
 */
public final class IndexAdvisorAnalyzer implements Analyzer<PgTarget> {

  private final IndexAdvisor advisor;
  private final boolean sandboxDeclared;

  /**
   * @param sandboxDeclared the user named this database a sandbox ({@code --sandbox}, or the demo database):
   *     only then are candidate indexes built, inside transactions that are rolled back
   */
  public IndexAdvisorAnalyzer(IndexAdvisor advisor, boolean sandboxDeclared) {
    this.advisor = advisor;
    this.sandboxDeclared = sandboxDeclared;
  }

  @Override
  public String name() {
    return "index-advisor";
  }

  @Override
  public void analyze(PgTarget target, DiagnosisResults results) throws Exception {
    if (!sandboxDeclared) {
      results.skip(name(), "the index advisor needs a what-if: name this database a sandbox (--sandbox) to let it "
          + "build candidate indexes in transactions that are rolled back");
      return;
    }
    SafeExecutor executor = target.executor();
    SandboxExecutor sandbox = new SandboxExecutor(executor.connection(), SafeExecutor.DEFAULT_STATEMENT_TIMEOUT,
        SafeExecutor.DEFAULT_LOCK_TIMEOUT);
    AdvisorResult result = advisor.advise(executor, new SandboxWhatIf(sandbox), List.of());
    results.addAll(result.findings());
    List<SkippedQuery> skipped = result.advice().skipped();
    if (!skipped.isEmpty()) {
      results.skip(name(), skipped.size() + " workload statements were not used, e.g. " + skipped.get(0).fingerprint()
          + ": " + skipped.get(0).reason());
    }
  }
}

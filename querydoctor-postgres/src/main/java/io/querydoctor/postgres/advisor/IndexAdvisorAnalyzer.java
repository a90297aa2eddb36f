package io.querydoctor.postgres.advisor;

import io.querydoctor.core.advisor.IndexAdvice.SkippedQuery;
import io.querydoctor.core.advisor.WhatIf;
import io.querydoctor.core.diagnosis.Analyzer;
import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.postgres.PgTarget;
import io.querydoctor.postgres.connect.SafeExecutor;
import io.querydoctor.postgres.connect.SandboxExecutor;
import java.util.List;
import java.util.Optional;

/**
 * The index advisor inside {@code diagnose}: {@code missing-index} findings for the workload in
 * pg_stat_statements and the statements of the diagnosis' logs and capture files. It needs a what-if: on a database the user declared a sandbox it builds candidates in
 * rolled-back transactions; elsewhere it uses HypoPG's hypothetical indexes when the extension is installed,
 * and otherwise is skipped with how to enable it. It never builds anything outside a declared sandbox.
 */
public final class IndexAdvisorAnalyzer implements Analyzer<PgTarget> {

  private final IndexAdvisor advisor;
  private final boolean sandboxDeclared;
  private final List<WorkloadStatement> given;
  private final ParameterSamples samples;

  public IndexAdvisorAnalyzer(IndexAdvisor advisor, boolean sandboxDeclared) {
    this(advisor, sandboxDeclared, List.of());
  }

  /**
   * @param sandboxDeclared the user named this database a sandbox ({@code --sandbox}, or the demo database):
   *     only then are candidate indexes built, inside transactions that are rolled back
   * @param given statements from the diagnosis' other sources ({@code --log}, {@code --capture}), advised for
   *     with pg_stat_statements' (joined by fingerprint, see {@link WorkloadMerge})
   */
  public IndexAdvisorAnalyzer(IndexAdvisor advisor, boolean sandboxDeclared, List<WorkloadStatement> given) {
    this(advisor, sandboxDeclared, given, ParameterSamples.none());
  }

  /** @param samples literal values (the server's log) to plan pg_stat_statements' {@code $n} texts with */
  public IndexAdvisorAnalyzer(IndexAdvisor advisor, boolean sandboxDeclared, List<WorkloadStatement> given,
      ParameterSamples samples) {
    this.advisor = advisor;
    this.sandboxDeclared = sandboxDeclared;
    this.given = List.copyOf(given);
    this.samples = samples;
  }

  @Override
  public String name() {
    return "index-advisor";
  }

  @Override
  public void analyze(PgTarget target, DiagnosisResults results) throws Exception {
    SafeExecutor executor = target.executor();
    WhatIf whatIf;
    if (sandboxDeclared) {
      whatIf = new SandboxWhatIf(new SandboxExecutor(executor.connection(), SafeExecutor.DEFAULT_STATEMENT_TIMEOUT,
          SafeExecutor.DEFAULT_LOCK_TIMEOUT), new IndexSizeEstimator(executor));
    } else {
      Optional<HypoPgWhatIf> hypoPg = HypoPgWhatIf.ifInstalled(executor, HypoPgSizes.CALIBRATED);
      if (hypoPg.isEmpty()) {
        results.skip(name(), "the index advisor needs a what-if: install HypoPG in this database (CREATE EXTENSION "
            + "hypopg) or name it a sandbox (--sandbox) to let it build candidates in rolled-back transactions");
        return;
      }
      whatIf = hypoPg.get();
    }
    AdvisorResult result = advisor.advise(executor, whatIf, given, true, samples);
    results.addAll(result.findings());
    if (result.generic() > 0) {
      results.skip(name(), result.generic() + " of " + result.planning().size() + " workload statements with "
          + "parameters were planned as generic plans (no sample values in the server log: their parameters are "
          + "estimated with the planner's default selectivities)");
    }
    List<SkippedQuery> skipped = result.advice().skipped().stream()
        .filter(s -> !s.reason().startsWith("already cheap")).toList();
    if (!skipped.isEmpty()) {
      results.skip(name(), skipped.size() + " workload statements were not used, e.g. " + skipped.get(0).fingerprint()
          + ": " + skipped.get(0).reason());
    }
  }
}

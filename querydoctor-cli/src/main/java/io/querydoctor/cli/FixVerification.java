package io.querydoctor.cli;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.report.Report;
import io.querydoctor.core.report.SkippedCheck;
import io.querydoctor.core.verify.FixTrial;
import io.querydoctor.core.verify.FixTrials;
import io.querydoctor.core.verify.StatementSamples;
import io.querydoctor.core.verify.VerifiedFixes;
import io.querydoctor.postgres.connect.SandboxExecutor;
import io.querydoctor.postgres.verify.SandboxVerifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The proof step of {@code diagnose --verify} and {@code demo}: every fix that can be tried on the sandbox is
 * applied in isolation and the queries it should help are timed before and after; the measured effect is
 * attached to the finding. Fixes without an executable example of their query are reported as not verified.
 */
final class FixVerification {

  private FixVerification() {}

  /**
   * {@code report} with measured verifications attached.
   *
   * @param sandbox a connection to a database the user declared a sandbox; closed when done
   * @param codeTrials before/after of fixes to application code, from whoever knows the code (the demo)
   */
  static Report verify(Report report, Connection sandbox, StatementSamples samples, List<FixTrial> codeTrials,
      ProgressListener progress) throws SQLException {
    List<FixTrial> trials = new ArrayList<>(codeTrials);
    trials.addAll(FixTrials.derive(report.findings(), samples));
    // Irreversible trials (ANALYZE) last, so that the others measure the database as diagnosed.
    trials.sort(java.util.Comparator.comparing(FixTrial::irreversible));
    SandboxVerifier.Outcomes outcomes;
    try (sandbox) {
      SandboxExecutor declared =
          new SandboxExecutor(sandbox, SandboxVerifier.STATEMENT_TIMEOUT, SandboxVerifier.LOCK_TIMEOUT);
      outcomes = new SandboxVerifier(declared, SandboxVerifier.DEFAULT_RUNS).verify(trials, progress);
    }
    List<SkippedCheck> failed = outcomes.failed().stream().map(reason -> new SkippedCheck("verify", reason)).toList();
    return report.withFindings(VerifiedFixes.attach(report.findings(), outcomes.measured())).plus(List.of(), failed);
  }
}

package io.querydoctor.cli;

import io.querydoctor.core.advisor.WhatIfException;
import io.querydoctor.core.engine.EngineFailure;
import io.querydoctor.core.engine.EngineTarget;
import io.querydoctor.core.report.AdviceSection;
import io.querydoctor.core.report.Report;
import io.querydoctor.core.report.SkippedCheck;
import io.querydoctor.mysql.advisor.BuiltIndexWhatIf;
import io.querydoctor.mysql.advisor.MysqlIndexAdvisor;
import io.querydoctor.mysql.advisor.SandboxDatabase;
import io.querydoctor.postgres.advisor.WorkloadStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code advise} on MySQL/MariaDB: no hypothetical indexes exist there, so it runs only on a database declared a
 * sandbox, where each candidate is built, planned and dropped ({@link BuiltIndexWhatIf}); core's selection chooses.
 * The workload is the statements given (--workload, --log, --capture); the {@code ?} of a log's or a capture's
 * shapes get sample values of their columns' types ({@code SampleValues}). {@code diagnose} runs the same step on
 * its slow logs and capture files ({@link #inDiagnosis}).
 */
final class MysqlAdvise {

  /** Index builds on a sandbox copy of a large table take a while; each statement still has a limit. */
  private static final int SANDBOX_STATEMENT_SECONDS = 300;

  private MysqlAdvise() {}

  /** What the advisor adds to a report: its findings, the statements it skipped, its decisions. */
  record Outcome(List<io.querydoctor.core.finding.Finding> findings, List<SkippedCheck> skipped,
      io.querydoctor.core.advisor.IndexAdvice advice) {}

  static Report run(EngineTarget target, boolean sandbox, boolean apply, Long budgetBytes,
      List<WorkloadStatement> given, ConsoleProgress progress) {
    EngineRuns.refuse(apply, "--apply", target);
    if (!sandbox) {
      throw new UserError("advise on " + target.engine().name() + " needs --sandbox: MySQL and MariaDB have no "
          + "hypothetical indexes, so candidates are built for real — only on a copy you declare a sandbox ("
          + target.redactedUrl() + ")");
    }
    if (given.isEmpty()) {
      throw new UserError("advise on " + target.engine().name() + " needs the workload as statements: "
          + "--workload FILE, --log (the slow log) or --capture FILE (performance_schema's digests are not read)");
    }
    long start = System.nanoTime();
    Outcome outcome = advise(target, budgetBytes, given, progress);
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Report(Report.SCHEMA_VERSION, VersionProvider.tool(), Instant.now(), target.redactedUrl(), millis,
        outcome.findings(), outcome.skipped()).withAdvice(AdviceSection.of(outcome.advice()));
  }

  /**
   * The advisor step of {@code diagnose} on MySQL/MariaDB: the statements of its slow logs and capture files
   * ({@code given}), advised for on the database when the user declared it a sandbox; otherwise, or without
   * statements, one skipped line saying what it needs. Never fails the diagnosis for the advisor's sake.
   */
  static Outcome inDiagnosis(EngineTarget target, boolean sandbox, List<WorkloadStatement> given,
      ConsoleProgress progress) {
    if (given.isEmpty()) {
      return skipped("the index advisor on " + target.engine().name() + " needs the workload's statements: give the "
          + "slow log (--log FILE) or a capture file (--capture FILE), and --sandbox");
    }
    if (!sandbox) {
      return skipped("the index advisor on " + target.engine().name() + " builds candidate indexes for real (there "
          + "are no hypothetical ones): run diagnose on a copy declared with --sandbox to design indexes for the "
          + given.size() + " statements of the logs and capture files");
    }
    try {
      return advise(target, null, given, progress);
    } catch (UserError e) {
      return skipped(e.getMessage());
    }
  }

  private static Outcome skipped(String reason) {
    return new Outcome(List.of(), List.of(new SkippedCheck("index-advisor", reason)), null);
  }

  /** The advice for {@code given} on the sandbox {@code target}: each candidate built, planned and dropped. */
  private static Outcome advise(EngineTarget target, Long budgetBytes, List<WorkloadStatement> given,
      ConsoleProgress progress) {
    List<MysqlIndexAdvisor.Statement> statements = new ArrayList<>();
    given.forEach(s -> statements.add(new MysqlIndexAdvisor.Statement(s.sql(), s.callsPerHour())));
    progress.step("connecting to the sandbox " + target.redactedUrl());
    try (SandboxDatabase database = new SandboxDatabase(target.connect(), SANDBOX_STATEMENT_SECONDS)) {
      progress.step("designing indexes for " + statements.size() + " statements given (built and dropped on "
          + database.database() + ")");
      MysqlIndexAdvisor.Result result = new MysqlIndexAdvisor(MysqlIndexAdvisor.settingsFor(database, budgetBytes))
          .advise(database, new BuiltIndexWhatIf(database), statements);
      List<SkippedCheck> skipped = new ArrayList<>();
      result.advice().skipped().stream().filter(s -> !s.reason().startsWith("already cheap"))
          .forEach(s -> skipped.add(new SkippedCheck("index-advisor", "statement " + s.fingerprint() + ": "
              + s.reason())));
      return new Outcome(result.findings(), skipped, result.advice());
    } catch (EngineFailure e) {
      throw new UserError(e.getMessage(), e);
    } catch (WhatIfException e) {
      throw new UserError("the what-if failed: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new UserError(e.getMessage(), e);
    }
  }
}

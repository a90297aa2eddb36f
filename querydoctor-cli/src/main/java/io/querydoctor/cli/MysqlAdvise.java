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
 * The workload is the statements given (--workload, --log): performance_schema's digests hold {@code ?} in place of
 * values, which EXPLAIN cannot plan.
 */
final class MysqlAdvise {

  /** Index builds on a sandbox copy of a large table take a while; each statement still has a limit. */
  private static final int SANDBOX_STATEMENT_SECONDS = 300;

  private MysqlAdvise() {}

  static Report run(EngineTarget target, boolean sandbox, boolean apply, Long budgetBytes,
      List<WorkloadStatement> given, ConsoleProgress progress) {
    EngineRuns.refuse(apply, "--apply", target);
    if (!sandbox) {
      throw new UserError("advise on " + target.engine().name() + " needs --sandbox: MySQL and MariaDB have no "
          + "hypothetical indexes, so candidates are built for real — only on a copy you declare a sandbox ("
          + target.redactedUrl() + ")");
    }
    if (given.isEmpty()) {
      throw new UserError("advise on " + target.engine().name() + " needs the workload as statements with values: "
          + "--workload FILE or --log (performance_schema digests have ? in place of values and cannot be planned)");
    }
    List<MysqlIndexAdvisor.Statement> statements = new ArrayList<>();
    given.forEach(s -> statements.add(new MysqlIndexAdvisor.Statement(s.sql(), s.callsPerHour())));
    long start = System.nanoTime();
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
      long millis = (System.nanoTime() - start) / 1_000_000;
      return new Report(Report.SCHEMA_VERSION, VersionProvider.tool(), Instant.now(), target.redactedUrl(), millis,
          result.findings(), skipped).withAdvice(AdviceSection.of(result.advice()));
    } catch (EngineFailure e) {
      throw new UserError(e.getMessage(), e);
    } catch (WhatIfException e) {
      throw new UserError("the what-if failed: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new UserError(e.getMessage(), e);
    }
  }
}

package io.querydoctor.cli;

import io.querydoctor.core.engine.EngineTarget;
import io.querydoctor.core.report.Report;
import io.querydoctor.postgres.PgAnalyzers;
import io.querydoctor.postgres.PgDiagnosis;
import io.querydoctor.postgres.health.HealthThresholds;
import java.io.PrintWriter;
import java.sql.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code querydoctor check}: only the catalog health checks, against a live database. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Runs only the health checks (PostgreSQL, MySQL, MariaDB) and prints findings with evidence and paste-ready fixes.",
      "Read-only: QueryDoctor never runs the fixes it prints. See docs/health-checks.md."
    })
final class CheckCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private ConnectionOptions connection;

  @Mixin
  private OutputOptions output;

  @Mixin
  private HealthThresholdOptions thresholds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), !output.quiet);
    output.checkWritable();
    if (!connection.isPostgres()) {
      EngineTarget engineTarget = connection.target();
      EngineRuns.refuse(thresholds.exactBloat, "--exact-bloat", engineTarget);
      Report report = EngineRuns.withThresholds(() -> EngineRuns.check(engineTarget, thresholds.raw(), progress));
      return output.write(report, out, DiagnoseCommand.DEFAULT_FAIL_ON);
    }
    HealthThresholds chosen = thresholds.thresholds();
    String target = connection.parsedUrl().redacted();
    progress.step("connecting to " + target);
    Connection jdbc = connection.connect();
    Report report = new PgDiagnosis(PgAnalyzers.health(chosen, thresholds.exactBloat), progress)
        .run(jdbc, target, VersionProvider.tool());
    return output.write(report, out, DiagnoseCommand.DEFAULT_FAIL_ON);
  }
}

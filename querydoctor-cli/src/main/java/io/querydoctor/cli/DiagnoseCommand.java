package io.querydoctor.cli;

import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.report.Report;
import io.querydoctor.postgres.PgAnalyzers;
import io.querydoctor.postgres.PgDiagnosis;
import io.querydoctor.core.capture.CaptureFileAnalyzer;
import io.querydoctor.core.diagnosis.DiagnosisResults;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.sql.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code querydoctor diagnose}: every analyzer against a live database, one ranked report. */
@Command(
    name = "diagnose",
    mixinStandardHelpOptions = true,
    description = {
      "Diagnoses a live PostgreSQL database and prints ranked findings with evidence and fixes.",
      "Read-only: every statement runs in a rolled-back read-only transaction with timeouts."
    })
final class DiagnoseCommand implements Callable<Integer> {

  /** A CI gate by default: exit 1 when something high or critical is found. */
  static final OutputOptions.FailOn DEFAULT_FAIL_ON = new OutputOptions.FailOn(Severity.HIGH);

  @Spec
  private CommandSpec spec;

  @Mixin
  private ConnectionOptions connection;

  @Mixin
  private OutputOptions output;

  @Mixin
  private HealthThresholdOptions thresholds;

  @Mixin
  private RunBaselineOptions baselines;

  @Option(names = "--capture", paramLabel = "FILE",
      description = "A capture file written by the JDBC layer (-Dquerydoctor.captureFile=FILE); its statements are "
          + "replayed through the capture-side detectors (N+1, unbatched writes, long transactions, …). Repeatable.")
  private List<Path> captureFiles = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), !output.quiet);
    output.checkWritable();
    baselines.checkReadable();
    for (Path file : captureFiles) {
      if (!Files.isReadable(file)) {
        throw new UserError("cannot read capture file " + file + ": it does not exist or is not readable");
      }
    }
    var analyzers = PgAnalyzers.all(thresholds.thresholds(), thresholds.exactBloat);
    String target = connection.parsedUrl().redacted();
    progress.step("connecting to " + target);
    Connection jdbc = connection.connect();
    Report report = new PgDiagnosis(analyzers, progress).run(jdbc, target, VersionProvider.tool());
    DiagnosisResults captured = new DiagnosisResults();
    for (Path file : captureFiles) {
      progress.step("replaying capture file " + file);
      new CaptureFileAnalyzer().analyze(file, captured);
    }
    report = report.plus(captured.findings(), captured.skipped());
    return output.write(baselines.apply(report), out, DEFAULT_FAIL_ON);
  }
}

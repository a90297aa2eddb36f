package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.report.Report;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class SuppressAndBaselineOptionsTest {

  private static final String KEY = "seq-scan-large-table:public.users";

  @Command(name = "probe")
  static final class Probe {
    @Mixin OutputOptions output;
    @Mixin RunBaselineOptions baselines;
  }

  private record Run(int exitCode, String out) {}

  private static Run run(Report report, String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    probe.output.checkWritable();
    probe.baselines.checkReadable();
    StringWriter out = new StringWriter();
    int code = probe.output.write(probe.baselines.apply(report), new PrintWriter(out),
        DiagnoseCommand.DEFAULT_FAIL_ON);
    return new Run(code, out.toString());
  }

  @Test
  void aSuppressedHighFindingNoLongerFailsTheRun() {
    assertThat(run(ReportSamples.withLiterals()).exitCode()).isEqualTo(ExitCode.FINDINGS);
    Run suppressed = run(ReportSamples.withLiterals(), "--suppress", KEY + "  # read once a day by the batch");
    assertThat(suppressed.exitCode()).isEqualTo(ExitCode.CLEAN);
    assertThat(suppressed.out()).contains("No findings. (1 finding suppressed)")
        .contains("- [high] " + KEY + " — ").contains("(reason: read once a day by the batch)");
  }

  @Test
  void aSuppressionFileWorksLikeTheOption(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("suppress.txt");
    Files.writeString(file, "# accepted\n" + KEY + "   # batch table\n");
    Run run = run(ReportSamples.withLiterals(), "--suppress-file", file.toString(), "--format", "json");
    assertThat(run.exitCode()).isEqualTo(ExitCode.CLEAN);
    assertThat(run.out()).contains("\"suppressed\"").contains("\"reason\" : \"batch table\"");
  }

  @Test
  void badSuppressionsAreOneLineUserErrors(@TempDir Path dir) {
    assertThatThrownBy(() -> run(ReportSamples.withLiterals(), "--suppress", "no-subject"))
        .isInstanceOf(UserError.class).hasMessageStartingWith("--suppress: 'no-subject' is not rule:subject");
    assertThatThrownBy(() -> run(ReportSamples.withLiterals(), "--suppress-file", dir.resolve("nope").toString()))
        .isInstanceOf(UserError.class).hasMessageEndingWith("nope: it does not exist or is not readable");
  }

  @Test
  void aSavedRunIsTheBaselineOfTheNext(@TempDir Path dir) {
    Path baseline = dir.resolve("run.json");
    run(ReportSamples.withLiterals(), "--save-baseline", baseline.toString());
    assertThat(baseline).exists();

    Run same = run(ReportSamples.withLiterals(), "--baseline", baseline.toString());
    assertThat(same.out()).contains("Compared with " + baseline + " (saved 2026-11-21T06:00:00Z): 0 new findings, "
        + "0 resolved, 0 latency regressions");

    Report empty = new Report(1, "t", ReportSamples.withLiterals().generatedAt(), "x", 0, java.util.List.of(),
        java.util.List.of());
    Run fixed = run(empty, "--baseline", baseline.toString(), "--format", "markdown");
    assertThat(fixed.out()).contains("## Compared with a baseline").contains("1 resolved")
        .contains("resolved: \\[high\\] seq-scan-large-table:public.users");
  }

  @Test
  void aMissingBaselineFailsBeforeTheDiagnosis(@TempDir Path dir) {
    assertThatThrownBy(() -> run(ReportSamples.withLiterals(), "--baseline", dir.resolve("x.json").toString()))
        .isInstanceOf(UserError.class).hasMessageContaining("cannot read the baseline");
  }

  @Test
  void failOnNewFailsOnlyOnWhatTheBaselineDidNotHave(@TempDir Path dir) {
    Path baseline = dir.resolve("run.json");
    Report empty = new Report(1, "t", ReportSamples.withLiterals().generatedAt(), "x", 0, java.util.List.of(),
        java.util.List.of());
    run(empty, "--save-baseline", baseline.toString());
    Run introduced = run(ReportSamples.withLiterals(), "--baseline", baseline.toString(), "--fail-on-new", "high");
    assertThat(introduced.exitCode()).isEqualTo(ExitCode.FINDINGS);

    Path known = dir.resolve("known.json");
    run(ReportSamples.withLiterals(), "--save-baseline", known.toString());
    Run unchanged = run(ReportSamples.withLiterals(), "--baseline", known.toString(), "--fail-on-new", "info");
    assertThat(unchanged.exitCode()).as("the same high finding, not new").isEqualTo(ExitCode.CLEAN);
    Run both = run(ReportSamples.withLiterals(), "--baseline", known.toString(), "--fail-on-new", "info",
        "--fail-on", "high");
    assertThat(both.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThatThrownBy(() -> run(ReportSamples.withLiterals(), "--fail-on-new", "high"))
        .isInstanceOf(UserError.class).hasMessageContaining("--baseline");
  }

  @Test
  void anUnmatchedSuppressionIsReportedInTheReport() {
    Run run = run(ReportSamples.withLiterals(), "--suppress", "unused-index:public.no_such_index");
    assertThat(run.out()).contains("unused-index:public.no_such_index").contains("matched no finding");
  }

  @Test
  void everyFindingShowsTheKeyThatSuppressesIt() {
    for (String format : new String[] {"text", "markdown", "html", "json"}) {
      assertThat(run(ReportSamples.withLiterals(), "--format", format, "--verbose").out()).as(format).contains(KEY);
    }
    assertThat(run(ReportSamples.withLiterals(), "--format", "json").out()).contains("\"key\" : \"" + KEY + "\"");
  }
}

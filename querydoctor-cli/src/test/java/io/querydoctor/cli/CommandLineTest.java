package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Usage and bad input that is caught before anything connects. */
class CommandLineTest {

  @Test
  void helpExplainsEveryOptionAndTheExitCodes() {
    CliRun run = CliRun.of("diagnose", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--url", "--user", "--password-env", "--format", "--output", "--fail-on",
        "--verbose", "--quiet", "--no-color", "--show-literals", "--suppress", "--suppress-file", "--baseline",
        "--save-baseline");
    for (String command : List.of("check", "explain", "demo", "digest")) {
      assertThat(CliRun.of(command, "--help").out()).as(command).contains("--show-literals", "--suppress-file");
    }
    CliRun top = CliRun.of("--help");
    assertThat(top.out()).contains("demo", "diagnose", "Exit codes:", "2  usage error");
  }

  @Test
  void analyzeWritesSaysThatSequencesAreNotRolledBack() {
    assertThat(CliRun.of("explain", "--help").out().replaceAll("\\s+", " "))
        .contains("Sequences advance regardless: nextval is not transactional")
        .contains("Exactly one statement is sent, through the extended query protocol");
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun run = CliRun.of();
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("a command is required");
  }

  @Test
  void unknownOptionIsOneLineAndExitTwo() {
    CliRun run = CliRun.of("diagnose", "--url", "jdbc:postgresql://h/db", "--colour");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("Unknown option: '--colour'");
    assertThat(run.err()).doesNotContain("\tat ");
  }

  @Test
  void unknownFormatNamesTheAllowedOnes() {
    CliRun run = CliRun.of("diagnose", "--url", "jdbc:postgresql://h/db", "--format", "pdf");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("expected text, json, markdown, html, sarif or junit");
  }

  @Test
  void everyReportingCommandOffersSarifAndJunit() {
    for (String command : List.of("diagnose", "check", "explain", "digest", "advise")) {
      assertThat(CliRun.of(command, "--help").out()).as(command)
          .contains("sarif", "junit", "--source-root", "--sarif-anchor");
    }
  }

  @Test
  void aSourceRootThatIsNotADirectoryIsOneLineAndExitTwo() {
    CliRun run = CliRun.of("digest", "-q", "--format", "sarif", "--source-root", "no/such/dir",
        "../querydoctor-postgres/src/test/resources/logs/pg-stderr/valid.log");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("--source-root no/such/dir is not a directory");
    assertThat(run.err()).doesNotContain("\tat ");
  }

  @Test
  void urlOfAnotherDatabaseIsRefused() {
    CliRun run = CliRun.of("diagnose", "--url", "jdbc:sqlserver://localhost/app?password=hunter2", "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("not a database URL QueryDoctor knows");
    assertThat(run.err()).doesNotContain("hunter2").doesNotContain("\tat ");
  }

  @Test
  void urlWithoutDatabaseIsRefused() {
    CliRun run = CliRun.of("diagnose", "--url", "jdbc:postgresql://localhost", "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("malformed database URL").contains("no database name");
  }

  @Test
  void missingPasswordVariableIsNamed() {
    CliRun run = CliRun.of("diagnose", "--url", "jdbc:postgresql://127.0.0.1:1/x", "--password-env",
        "QUERYDOCTOR_TEST_UNSET_VARIABLE", "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("QUERYDOCTOR_TEST_UNSET_VARIABLE").contains("is not set");
  }

  @Test
  void unwritableOutputIsRefusedBeforeConnecting() {
    CliRun run = CliRun.of("diagnose", "--url", "jdbc:postgresql://127.0.0.1:1/x", "--output",
        "/nonexistent-querydoctor-dir/report.json", "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("cannot write the report").contains("does not exist");
  }

  @Test
  void outputThatIsADirectoryIsRefused() {
    CliRun run = CliRun.of("diagnose", "--url", "jdbc:postgresql://127.0.0.1:1/x", "--output",
        System.getProperty("java.io.tmpdir"), "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("is a directory");
  }

  @Test
  void demoRefusesANonsenseScale() {
    CliRun run = CliRun.of("demo", "--scale", "0", "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("invalid --scale");
  }

  @Test
  void unreachableHostIsOneLineWithoutStackTrace() {
    CliRun run = CliRun.of("diagnose", "--url", "jdbc:postgresql://127.0.0.1:1/app", "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("cannot reach 127.0.0.1:1");
    assertThat(run.err()).doesNotContain("\tat ");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void verboseShowsTheStackTrace() {
    CliRun run = CliRun.of("diagnose", "--url", "jdbc:postgresql://127.0.0.1:1/app", "-q", "--verbose");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).contains("\tat ");
  }
}

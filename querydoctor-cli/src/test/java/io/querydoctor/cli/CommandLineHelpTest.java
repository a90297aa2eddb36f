package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first run as a new user meets it: help, typos, version, completion, config file, where the database is. */
class CommandLineHelpTest {

  private static final List<String> COMMANDS = List.of("demo", "diagnose", "check", "explain", "digest", "advise");

  @Test
  void helpCommandShowsTheSubcommandsHelp() {
    CliRun run = CliRun.of("help", "diagnose");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: querydoctor diagnose", "--fail-on");
  }

  @Test
  void misspeltCommandGetsADidYouMean() {
    CliRun run = CliRun.of("diagnos");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).contains("Did you mean: diagnose").doesNotContain("\tat ");
  }

  @Test
  void helpHasNoPicocliWarningsAndBreaksNoPathOverTwoLines() {
    Pattern docPath = Pattern.compile("docs/[A-Za-z./-]*[A-Za-z]");
    for (String command : COMMANDS) {
      CliRun run = CliRun.of(command, "--help");
      assertThat(run.out() + run.err()).as(command).doesNotContain("picocli WARN").doesNotContain("%n");
      Matcher m = docPath.matcher(run.out());
      while (m.find()) {
        assertThat(m.group()).as(command + " help names a whole file").matches("docs/[a-z.-]+\\.(md|json)");
      }
    }
  }

  @Test
  void everyCommandSummaryIsAWholeSentence() {
    String top = CliRun.of("--help").out();
    for (String command : COMMANDS) {
      List<String> lines = top.lines().toList();
      int first = lines.indexOf(lines.stream().filter(l -> l.startsWith("  " + command + " ")).findFirst().orElseThrow());
      StringBuilder summary = new StringBuilder(lines.get(first));
      for (int i = first + 1; i < lines.size() && lines.get(i).startsWith("      "); i++) {
        summary.append(' ').append(lines.get(i).strip());
      }
      assertThat(summary.toString().strip()).as(command).endsWith(".");
    }
  }

  @Test
  void versionNamesTheCommitOrSaysItIsUnknown() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("querydoctor ").containsPattern("commit ([0-9a-f]{7,}|unknown)")
        .doesNotContain("${");
  }

  @Test
  void completionScriptCompletesTheCommands() {
    CliRun run = CliRun.of("generate-completion");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("complete", "querydoctor", "diagnose", "digest");
  }

  @Test
  void configFileSetsDefaultsAndTheCommandLineWins(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("config");
    Files.writeString(config, "format = json\ndigest.top = 1\n");
    Path log = DigestCommandTest.PG_STDERR;
    CliRun fromConfig = CliRun.of("--config", config.toString(), "digest", "-q", log.toString());
    assertThat(fromConfig.exitCode()).as(fromConfig.err()).isIn(0, 1);
    assertThat(fromConfig.out().strip()).startsWith("{");
    CliRun overridden = CliRun.of("digest", "--config=" + config, "-q", "--format", "markdown", log.toString());
    assertThat(overridden.out().strip()).doesNotStartWith("{").contains("|");
  }

  @Test
  void configFileFoundThroughXdgConfigHome(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("querydoctor"));
    Files.writeString(dir.resolve("querydoctor").resolve("config"), "format = json\n");
    CliRun run = CliRun.withEnvironment(Map.of("XDG_CONFIG_HOME", dir.toString()), "digest", "-q",
        DigestCommandTest.PG_STDERR.toString());
    assertThat(run.out().strip()).startsWith("{");
  }

  @Test
  void configFileWithAPasswordIsRefused(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("config");
    Files.writeString(config, "password = hunter2\n");
    CliRun run = CliRun.of("--config", config.toString(), "digest", DigestCommandTest.PG_STDERR.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("keep passwords out of it").doesNotContain("hunter2");
    assertThat(CliRun.of("--config", dir.resolve("missing").toString(), "digest").errorLine())
        .contains("does not exist");
  }

  @Test
  void withoutUrlNorEnvironmentTheCommandSaysWhereItLooked() {
    for (String variable : List.of("DATABASE_URL", "PGHOST", "PGPORT", "PGDATABASE")) {
      assumeTrue(System.getenv(variable) == null, variable + " is set in this environment");
    }
    CliRun run = CliRun.of("diagnose", "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("no database given").contains("DATABASE_URL").contains("PGHOST");
  }

  @Test
  void postgresUriIsAcceptedAndItsPasswordNeverShown() {
    CliRun run = CliRun.of("diagnose", "-q", "--url", "postgres://app:hunter2@127.0.0.1:1/app");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("127.0.0.1:1");
    assertThat(run.out() + run.err()).doesNotContain("hunter2");
  }

  /** Regression (#24): a refused value showed Java class names ("cannot convert 'x' to FailOn (java.lang…"). */
  @Test
  void aRefusedValueSaysWhatIsValidWithoutJavaNames() {
    CliRun failOn = CliRun.of("diagnose", "--fail-on", "severe");
    assertThat(failOn.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(failOn.errorLine()).contains("unknown severity 'severe'").contains("critical, high, medium, low or info")
        .doesNotContain("java.").doesNotContain("FailOn");
    CliRun sort = CliRun.of("digest", "--sort", "foo", "x.log");
    assertThat(sort.errorLine()).contains("expected total, mean, p95 or calls").doesNotContain("java.")
        .doesNotContain("DigestSort");
  }
}

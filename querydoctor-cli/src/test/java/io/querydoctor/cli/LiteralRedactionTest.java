package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Every format goes through {@link OutputOptions#write}: literals are redacted there unless asked for. */
class LiteralRedactionTest {

  @Command(name = "probe")
  static final class Probe {
    @Mixin OutputOptions output;
  }

  static String render(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    StringWriter out = new StringWriter();
    probe.output.write(ReportSamples.withLiterals(), new PrintWriter(out), OutputOptions.FailOn.NONE);
    return out.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "markdown", "html"})
  void literalsAreRedactedByDefault(String format) {
    String report = render("--format", format);
    assertThat(report).doesNotContain(ReportSamples.EMAIL).doesNotContain(ReportSamples.NUMBER);
    // The statement and the filter are still there, with ? for the values.
    assertThat(report).contains("email = ?").containsAnyOf("id > ?", "id &gt; ?");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "markdown", "html"})
  void showLiteralsKeepsThem(String format) {
    List<String> args = new ArrayList<>(List.of("--format", format, "--show-literals"));
    String report = render(args.toArray(String[]::new));
    assertThat(report).contains(ReportSamples.EMAIL).contains(ReportSamples.NUMBER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "markdown", "html"})
  void passwordsNeverAppearEvenWithLiterals(String format) {
    for (boolean literals : new boolean[] {false, true}) {
      Probe probe = new Probe();
      new CommandLine(probe).parseArgs(literals ? new String[] {"--format", format, "--show-literals"}
          : new String[] {"--format", format});
      StringWriter out = new StringWriter();
      probe.output.write(ReportSamples.withPasswords(), new PrintWriter(out), OutputOptions.FailOn.NONE);
      assertThat(out.toString()).as(format + (literals ? " --show-literals" : ""))
          .doesNotContain("hunter2").doesNotContain("bob:").contains("db.example.com");
    }
  }
}

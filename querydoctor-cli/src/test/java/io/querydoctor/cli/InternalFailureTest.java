package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Regression (issue 21): an Error escaping a command (OutOfMemoryError on a huge plan, StackOverflowError)
 * reached the JVM, which printed a stack trace and exited 1, which scripts read as "found something". Every
 * failure of our own must exit 2 with one line on stderr; the stack trace only with --verbose. The failures are
 * thrown by a command added to the real command line, in-process, as the real ones would throw them.
 */
class InternalFailureTest {

  @ParameterizedTest
  @ValueSource(strings = {"oom", "stack", "npe", "state"})
  void anyInternalFailureExitsTwoWithOneLine(String kind) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = Main.run(commandLine(kind), new String[] {"boom"}, new PrintWriter(out, true), new PrintWriter(err, true));

    assertThat(code).isEqualTo(ExitCode.ERROR);
    assertThat(err.toString().lines()).hasSize(1).first().asString().startsWith("querydoctor: ")
        .doesNotContain("\tat ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"oom", "stack", "npe"})
  void verboseAddsTheStackTrace(String kind) {
    StringWriter err = new StringWriter();

    int code = Main.run(commandLine(kind), new String[] {"boom", "--verbose"}, new PrintWriter(new StringWriter()),
        new PrintWriter(err, true));

    assertThat(code).isEqualTo(ExitCode.ERROR);
    assertThat(err.toString()).startsWith("querydoctor: ").contains("\tat ");
  }

  private static CommandLine commandLine(String kind) {
    Supplier<Throwable> failure = switch (kind) {
      case "oom" -> () -> new OutOfMemoryError("Java heap space");
      case "stack" -> StackOverflowError::new;
      case "npe" -> NullPointerException::new;
      default -> () -> new IllegalStateException("unexpected state");
    };
    return Main.commandLine().addSubcommand("boom", new Boom(failure));
  }

  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    private final Supplier<Throwable> failure;

    @Mixin
    private OutputOptions output;

    Boom(Supplier<Throwable> failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() throws Exception {
      Throwable t = failure.get();
      if (t instanceof Error e) {
        throw e;
      }
      throw (Exception) t;
    }
  }
}

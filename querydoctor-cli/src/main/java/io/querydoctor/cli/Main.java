package io.querydoctor.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of the {@code querydoctor} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    // UTF-8 whatever the locale: reports carry database names and SQL, which must not turn into '?' under
    // LANG=C (as they would with Java 17's locale-derived default charset).
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(run(args, out, err));
  }

  /** Runs the command with its output going to {@code out} and {@code err}; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(commandLine(), args, out, err);
  }

  /** The command line with every subcommand and no handlers yet. */
  static CommandLine commandLine() {
    return new CommandLine(new QueryDoctorCommand());
  }

  static int run(CommandLine commandLine, String[] args, PrintWriter out, PrintWriter err) {
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExitCodeExceptionMapper(e -> ExitCode.ERROR);
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    try {
      return commandLine.execute(args);
    } catch (Throwable e) { // NOPMD: an Error here is ours; exit 1 would tell scripts "found something"
      return ErrorHandler.internalError(e, commandLine, java.util.Arrays.asList(args).contains("--verbose")
          || java.util.Arrays.asList(args).contains("-v"));
    }
  }
}

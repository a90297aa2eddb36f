package io.querydoctor.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine;

/** Entry point of the {@code querydoctor} command. */
public final class Main {

  /** Wide enough that option descriptions keep file paths and URLs on one line. */
  private static final int USAGE_WIDTH = 110;

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
    return run(commandLine(), args, out, err, System.getenv());
  }

  /** As {@link #run(String[], PrintWriter, PrintWriter)}, with {@code environment} to find the config file in. */
  static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
    return run(commandLine(), args, out, err, environment);
  }

  /** Runs {@code commandLine} (tests add subcommands to it). */
  static int run(CommandLine commandLine, String[] args, PrintWriter out, PrintWriter err) {
    return run(commandLine, args, out, err, System.getenv());
  }

  /** The command line with every subcommand and no handlers yet. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new QueryDoctorCommand());
    commandLine.addSubcommand("generate-completion", new GenerateCompletion());
    commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false)
        .description("Prints a bash/zsh completion script: source <(querydoctor generate-completion)");
    commandLine.setUsageHelpWidth(USAGE_WIDTH);
    return commandLine;
  }

  private static int run(CommandLine commandLine, String[] args, PrintWriter out, PrintWriter err,
      Map<String, String> environment) {
    ConfigDefaults.Split split;
    try {
      split = ConfigDefaults.Split.of(args);
      ConfigDefaults.locate(split.config(), environment)
          .ifPresent(file -> commandLine.setDefaultValueProvider(ConfigDefaults.read(file)));
    } catch (UserError e) {
      err.println("querydoctor: " + e.getMessage());
      err.flush();
      return ExitCode.ERROR;
    }
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExitCodeExceptionMapper(e -> ExitCode.ERROR);
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    List<String> arguments = split.arguments();
    try {
      return commandLine.execute(arguments.toArray(String[]::new));
    } catch (Throwable e) { // NOPMD: an Error here is ours; exit 1 would tell scripts "found something"
      return ErrorHandler.internalError(e, commandLine, arguments.contains("--verbose") || arguments.contains("-v"));
    }
  }
}

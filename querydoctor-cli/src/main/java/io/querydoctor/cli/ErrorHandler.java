package io.querydoctor.cli;

import io.querydoctor.demo.server.EmbeddedServerException;
import io.querydoctor.core.engine.EngineFailure;
import java.io.PrintWriter;
import java.sql.SQLException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure of a command into one line on stderr and exit code 2 (1 means "found something at or above
 * --fail-on", so no failure may exit 1). The stack trace is printed only with --verbose: users need to know what
 * to fix, not where in our code it was noticed. Exceptions carry a message saying what to fix; an error (memory
 * or stack exhausted) or an exception without a message (a bug of ours) is called an internal error.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    if (!expected(e)) {
      return internalError(e, commandLine, verbose(parseResult));
    }
    PrintWriter err = commandLine.getErr();
    err.println("querydoctor: " + message(e));
    if (verbose(parseResult)) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCode.ERROR;
  }

  /**
   * A failure that is not about the user's input or database, including an {@link Error} that escaped picocli:
   * one line naming it, exit code 2. Memory is likely short after an OutOfMemoryError, but whatever filled it is
   * garbage by now, so printing one line works.
   */
  static int internalError(Throwable e, CommandLine commandLine, boolean verbose) {
    PrintWriter err = commandLine.getErr();
    err.println("querydoctor: " + internalMessage(e) + (verbose ? "" : " (run with --verbose for the stack trace)"));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCode.ERROR;
  }

  private static String internalMessage(Throwable e) {
    if (e instanceof OutOfMemoryError) {
      return "out of memory (" + message(e) + "); give the JVM more heap (QUERYDOCTOR_JAVA_OPTS=-Xmx…) or a smaller input";
    }
    if (e instanceof StackOverflowError) {
      return "internal error: stack overflow (the input nests too deeply?)";
    }
    String text = e.getMessage();
    return "internal error: " + e.getClass().getSimpleName()
        + (text == null || text.isBlank() ? "" : ": " + message(e));
  }

  /** Exceptions with a message of their own; a bare NullPointerException and the like are internal errors. */
  private static boolean expected(Exception e) {
    Throwable shown = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    return shown.getMessage() != null && !shown.getMessage().isBlank() && !(shown instanceof NullPointerException);
  }

  static String message(Throwable e) {
    Throwable shown = e;
    if (e instanceof java.io.UncheckedIOException && e.getCause() != null) {
      shown = e.getCause();
    }
    String text = shown.getMessage();
    if (text == null || text.isBlank()) {
      text = shown.getClass().getSimpleName();
    }
    String prefix = shown instanceof SQLException && !(shown instanceof java.sql.SQLTransientConnectionException)
        ? "database error: " : "";
    if (shown instanceof UserError || shown instanceof EngineFailure || shown instanceof EmbeddedServerException) {
      prefix = "";
    }
    int newline = text.indexOf('\n');
    return prefix + (newline < 0 ? text : text.substring(0, newline)).strip();
  }

  private static boolean verbose(ParseResult parseResult) {
    for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
      if (result.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}

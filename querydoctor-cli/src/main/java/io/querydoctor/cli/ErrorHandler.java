package io.querydoctor.cli;

import io.querydoctor.demo.server.EmbeddedServerException;
import io.querydoctor.postgres.connect.ConnectionFailure;
import java.io.PrintWriter;
import java.sql.SQLException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure of a command into one line on stderr and exit code 2. The stack trace is printed only
 * with --verbose: users need to know what to fix, not where in our code it was noticed.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    err.println("querydoctor: " + message(e));
    if (verbose(parseResult)) {
      e.printStackTrace(err);
    } else {
      err.println("(run with --verbose for details)");
    }
    err.flush();
    return ExitCode.ERROR;
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
    if (shown instanceof UserError || shown instanceof ConnectionFailure || shown instanceof EmbeddedServerException) {
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

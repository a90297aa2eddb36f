package io.querydoctor.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Bad options: one line saying what is wrong, a did-you-mean when one is close, a pointer to --help, exit 2. */
final class UsageErrorHandler implements IParameterExceptionHandler {

  /** picocli's wording when a converter refuses a value: the converter's own reason is what the user needs. */
  private static final java.util.regex.Pattern CONVERSION =
      java.util.regex.Pattern.compile("cannot convert '.*' to [\\w.$]+ \\([\\w.$]+: (.*)\\)$");

  /** "… cannot convert 'severe' to FailOn (java.lang.IllegalArgumentException: unknown …)" → "… unknown …". */
  static String withoutJavaNames(String message) {
    java.util.regex.Matcher m = CONVERSION.matcher(message == null ? "" : message);
    return m.find() ? message.substring(0, m.start()) + m.group(1) : message;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("querydoctor: " + withoutJavaNames(e.getMessage()));
    if (e instanceof UnmatchedArgumentException unmatched) {
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        err.println("Did you mean: " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size())))
            + "?");
      }
    }
    err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
    err.flush();
    return ExitCode.ERROR;
  }
}

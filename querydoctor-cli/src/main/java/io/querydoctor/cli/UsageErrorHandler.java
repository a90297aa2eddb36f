package io.querydoctor.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** Bad options: one line saying what is wrong, a pointer to --help, exit code 2. */
final class UsageErrorHandler implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("querydoctor: " + e.getMessage());
    err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
    err.flush();
    return ExitCode.ERROR;
  }
}

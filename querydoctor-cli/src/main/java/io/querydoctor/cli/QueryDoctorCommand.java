package io.querydoctor.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level command; every capability is a subcommand. */
@Command(
    name = "querydoctor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Finds, explains and fixes slow database queries.",
    subcommands = {DemoCommand.class, DiagnoseCommand.class, CheckCommand.class, ExplainCommand.class,
      DigestCommand.class, AdviseCommand.class, MonitorCommand.class, DeployMarkCommand.class,
      BenchWritesCommand.class, IcebergCommand.class, HelpCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  ran, nothing at or above --fail-on",
      "  1  ran, found something at or above --fail-on",
      "  2  usage error, bad input, or the database could not be reached",
      "",
      "Docs: docs/README.md"
    })
final class QueryDoctorCommand implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required (demo, diagnose, check, …)");
  }
}

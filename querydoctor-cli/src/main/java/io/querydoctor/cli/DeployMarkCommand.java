package io.querydoctor.cli;

import io.querydoctor.monitor.store.StoreLocation;
import io.querydoctor.postgres.connect.PgUrl;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code querydoctor deploy-mark}: records a deployment in the monitor's history. */
@Command(
    name = "deploy-mark",
    mixinStandardHelpOptions = true,
    description = {
      "Records a deployment in the monitor's history store, so that latency-regression compares with the period "
          + "before it and new-slow-query reports statements that first ran after it. See docs/monitor.md."
    })
final class DeployMarkCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LABEL", description = "What was deployed, e.g. v1.4.2 or a commit hash.")
  private String label;

  @Option(names = "--store", paramLabel = "DIR|URL",
      description = "The monitor's history store (default: ~/.querydoctor/store).")
  private String store;

  @Option(names = "--store-password-env", paramLabel = "VAR",
      description = "Environment variable holding the store database's password.")
  private String storePasswordEnv;

  @Option(names = "--target", paramLabel = "URL",
      description = "Only for this monitored database (default: every database in the store).")
  private String target;

  @Option(names = {"-v", "--verbose"}, description = "Stack traces on errors.")
  private boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (label.isBlank()) {
      throw new UserError("the deploy label must not be empty");
    }
    String targetName = target == null ? null : PgUrl.parse(target).redacted();
    Instant now = Instant.now();
    try (StoreLocation location = StoreLocation.open(store, storePasswordEnv)) {
      location.store().addDeployMark(label, targetName, now);
      PrintWriter out = spec.commandLine().getOut();
      out.println("deploy mark '" + label + "' recorded at " + now + " for "
          + (targetName == null ? "every database" : targetName) + " in " + location.description());
    }
    return ExitCode.CLEAN;
  }
}

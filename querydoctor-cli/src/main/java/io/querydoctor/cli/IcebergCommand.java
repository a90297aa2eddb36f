package io.querydoctor.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code querydoctor iceberg}: Apache Iceberg tables diagnosed from their metadata (docs/iceberg.md). */
@Command(
    name = "iceberg",
    mixinStandardHelpOptions = true,
    description = {
      "Diagnoses Apache Iceberg tables from their metadata: small files, partition pruning, layout, bloom filters,",
      "delete files, snapshots, manifests, metadata size; fixes as Spark SQL procedure calls. See docs/iceberg.md."
    },
    subcommands = {IcebergCheckCommand.class, IcebergDemoCommand.class})
final class IcebergCommand implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: check or demo");
  }
}

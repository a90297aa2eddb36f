package io.querydoctor.cli;

import io.querydoctor.core.report.Report;
import io.querydoctor.iceberg.IcebergDiagnosis;
import io.querydoctor.iceberg.catalog.CatalogConnector;
import io.querydoctor.iceberg.catalog.CatalogSpec;
import io.querydoctor.iceberg.demo.PlantedWarehouse;
import io.querydoctor.iceberg.history.QueryHistory;
import io.querydoctor.iceberg.history.QueryHistoryReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code querydoctor iceberg demo}: builds a warehouse with planted problems (a JDBC catalog on SQLite, real Parquet
 * files) in a temporary directory, and diagnoses it with its query history, as {@code iceberg check} would.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Builds an Iceberg warehouse with planted problems (small files, a missing day partition, unsorted files,",
      "no bloom filter, delete files, snapshots, fragmented manifests, a large metadata JSON, a date_format filter)",
      "next to a healthy control table, and prints its diagnosis. Needs nothing but a JDK."
    })
final class IcebergDemoCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--keep", paramLabel = "DIR",
      description = "Build the warehouse in DIR and keep it, and print the iceberg check command that diagnoses it.")
  private Path keep;

  @Mixin
  private OutputOptions output;

  @Override
  public Integer call() throws IOException {
    output.checkWritable();
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), !output.quiet);
    Path directory = keep != null ? keep : Files.createTempDirectory("querydoctor-iceberg-demo");
    if (keep != null && Files.exists(keep) && !isEmptyDirectory(keep)) {
      throw new UserError("--keep " + keep + ": the directory exists and is not empty");
    }
    try {
      progress.step("writing the demo warehouse (real Parquet files, a JDBC catalog on SQLite)");
      PlantedWarehouse warehouse = PlantedWarehouse.create(directory);
      CatalogConnector connector = new CatalogConnector();
      CatalogSpec catalogSpec = new CatalogSpec(warehouse.catalogUrl(), PlantedWarehouse.CATALOG_NAME, null, null,
          null, Map.of());
      Catalog catalog = connector.open(catalogSpec);
      QueryHistory history = new QueryHistoryReader().read(warehouse.history());
      Report report = new IcebergDiagnosis(io.querydoctor.iceberg.rules.IcebergThresholds.DEFAULTS,
          Clock.systemUTC(), PlantedWarehouse.CATALOG_NAME)
          .run(catalog, connector.tables(catalog, PlantedWarehouse.NAMESPACE), history, null, null,
              "Iceberg demo warehouse (catalog " + PlantedWarehouse.CATALOG_NAME + ", namespace "
                  + PlantedWarehouse.NAMESPACE + ")", VersionProvider.tool(), progress::step);
      PrintWriter out = spec.commandLine().getOut();
      int exitCode = output.write(report, out, OutputOptions.FailOn.NONE);
      if (keep != null) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("The demo warehouse is in " + directory + ". Diagnose it with:");
        err.println("  ./querydoctor iceberg check --catalog " + warehouse.catalogUrl() + " --catalog-name "
            + PlantedWarehouse.CATALOG_NAME + " --all " + PlantedWarehouse.NAMESPACE + " --history "
            + warehouse.history());
        err.flush();
      }
      return exitCode;
    } finally {
      if (keep == null) {
        deleteTree(directory);
      }
    }
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory: the OS cleans it eventually.
    }
  }
}

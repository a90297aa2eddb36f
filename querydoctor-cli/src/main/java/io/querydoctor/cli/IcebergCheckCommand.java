package io.querydoctor.cli;

import io.querydoctor.core.digest.DigestFile;
import io.querydoctor.core.report.Report;
import io.querydoctor.core.sql.Credentials;
import io.querydoctor.iceberg.IcebergDiagnosis;
import io.querydoctor.iceberg.catalog.CatalogConnector;
import io.querydoctor.iceberg.catalog.CatalogException;
import io.querydoctor.iceberg.catalog.CatalogSpec;
import io.querydoctor.iceberg.history.QueryHistory;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code querydoctor iceberg check}: one table, or every table of a namespace, diagnosed from its metadata. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Reads the metadata of Iceberg tables (snapshots, manifests, data and delete files with sizes, record counts,",
      "partitions, column bounds; never the data) and prints findings with evidence and Spark SQL fixes.",
      "Read-only: QueryDoctor never runs the fixes it prints. See docs/iceberg.md."
    })
final class IcebergCheckCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private IcebergCatalogOptions catalog;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Tables tables;

  @Mixin
  private IcebergRuleOptions rules;

  @Mixin
  private OutputOptions output;

  /** --table or --all: exactly one. */
  static final class Tables {
    @Option(names = "--table", paramLabel = "NAMESPACE.TABLE", required = true,
        description = "A table to check, e.g. db.events (repeatable).")
    List<String> names;

    @Option(names = "--all", paramLabel = "NAMESPACE", required = true,
        description = "Check every table of this namespace.")
    String namespace;
  }

  @Override
  public Integer call() {
    output.checkWritable();
    CatalogSpec catalogSpec = catalog.spec();
    QueryHistory history = rules.readHistory();
    DigestFile baseline = rules.readBaseline();
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), !output.quiet);
    String target = "Iceberg catalog " + catalogSpec.name() + " at " + catalogSpec.redactedLocation();
    progress.step("opening " + target);
    Report report;
    try {
      CatalogConnector connector = new CatalogConnector();
      Catalog opened = connector.open(catalogSpec);
      List<TableIdentifier> chosen = tables.namespace != null ? connector.tables(opened, tables.namespace)
          : tables.names.stream().map(IcebergCheckCommand::identifier).toList();
      if (chosen.isEmpty()) {
        throw new UserError("namespace " + tables.namespace + " has no tables");
      }
      report = new IcebergDiagnosis(rules.thresholds(), Clock.systemUTC(), catalogSpec.name())
          .run(opened, chosen, history, baseline, rules.baseline == null ? null : rules.baseline.toString(), target,
              VersionProvider.tool(), progress::step);
    } catch (CatalogException e) {
      throw new UserError(safe(e.getMessage(), catalogSpec), e);
    } catch (org.apache.iceberg.exceptions.NoSuchNamespaceException | org.apache.iceberg.exceptions.RESTException
        | java.io.UncheckedIOException e) {
      // Iceberg's own failures (a namespace that is not there, a catalog that answers with an error): the user's
      // input or environment. Anything else is ours and goes to the internal-error handler.
      throw new UserError("cannot read the catalog " + catalogSpec.redactedLocation() + ": "
          + safe(String.valueOf(e.getMessage()), catalogSpec), e);
    }
    rules.saveBaseline(history, report.generatedAt());
    PrintWriter out = spec.commandLine().getOut();
    return output.write(report, out, DiagnoseCommand.DEFAULT_FAIL_ON);
  }

  static TableIdentifier identifier(String name) {
    if (!name.contains(".") || name.startsWith(".") || name.endsWith(".")) {
      throw new UserError("--table " + name + ": name it as NAMESPACE.TABLE, e.g. db.events");
    }
    return TableIdentifier.parse(name);
  }

  /** An error message with the password and URL credentials taken out, whatever library wrote it. */
  static String safe(String message, CatalogSpec catalog) {
    String text = Credentials.strip(message);
    if (catalog.password() != null && !catalog.password().isEmpty()) {
      text = text.replace(catalog.password(), "***");
    }
    for (var property : catalog.properties().entrySet()) {
      if (CatalogSpec.isSecret(property.getKey()) && !property.getValue().isEmpty()) {
        text = text.replace(property.getValue(), "***");
      }
    }
    return text;
  }
}

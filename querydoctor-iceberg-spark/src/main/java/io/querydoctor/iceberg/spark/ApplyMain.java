package io.querydoctor.iceberg.spark;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.iceberg.IcebergDiagnosis;
import io.querydoctor.iceberg.catalog.CatalogConnector;
import io.querydoctor.iceberg.catalog.CatalogSpec;
import io.querydoctor.iceberg.history.QueryHistory;
import io.querydoctor.iceberg.history.QueryHistoryReader;
import io.querydoctor.iceberg.metadata.TableProfile;
import io.querydoctor.iceberg.metadata.TableProfileReader;
import io.querydoctor.iceberg.rules.IcebergThresholds;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * {@code --apply} for one Iceberg table the user names: diagnoses it as {@code querydoctor iceberg check} does,
 * runs the Spark SQL fixes of the chosen findings through {@link SparkMaintenance} (local[2] in this JVM, or the
 * cluster under spark-submit), and prints the table before and after from its metadata. Options (docs/iceberg.md):
 * {@code --catalog LOCATION --table NS.T [--catalog-name NAME] [--warehouse W] [--user U] [--password-env VAR]
 * [--catalog-property K=V]… [--history FILE] [--rule ID]… [--dry-run]}. Exit codes as the CLI's: 0 applied (or
 * nothing to apply), 2 bad input or a failed statement.
 */
public final class ApplyMain {

  private ApplyMain() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(run(args, out, err));
  }

  /** Runs with output to {@code out} and {@code err}; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("querydoctor-iceberg-apply: " + e.getMessage());
      return 2;
    }
    try {
      return apply(options, out);
    } catch (RuntimeException e) {
      err.println("querydoctor-iceberg-apply: " + CatalogConnector.firstLine(e));
      return 2;
    }
  }

  private static int apply(Options options, PrintWriter out) {
    CatalogSpec spec = options.catalog();
    Catalog catalog = new CatalogConnector().open(spec);
    TableIdentifier id = TableIdentifier.parse(options.table);
    QueryHistory history = options.history == null ? QueryHistory.NONE : read(options.history);
    IcebergDiagnosis diagnosis = new IcebergDiagnosis(IcebergThresholds.DEFAULTS, Clock.systemUTC(), spec.name());
    TableProfile before = new TableProfileReader().read(options.table, catalog.loadTable(id));
    List<Finding> findings = diagnosis.check(before, history);
    List<String> statements = MaintenancePlan.statements(findings, options.rules);
    out.println("Table " + spec.name() + "." + options.table + ": " + findings.size() + " findings "
        + findings.stream().map(Finding::ruleId).distinct().toList());
    if (statements.isEmpty()) {
      out.println("Nothing to apply" + (options.rules.isEmpty() ? "." : " for " + options.rules + "."));
      out.flush();
      return 0;
    }
    out.println(options.dryRun ? "Would run:" : "Running:");
    if (options.dryRun) {
      statements.forEach(s -> out.println("  " + s));
      out.flush();
      return 0;
    }
    try (SparkMaintenance spark = SparkMaintenance.open(spec)) {
      spark.run(statements).forEach(run -> out.println("  " + run.describe()));
    }
    Table table = catalog.loadTable(id);
    TableProfile after = new TableProfileReader().read(options.table, table);
    out.println("Before → after (from the table's metadata):");
    compare(before, after).forEach((what, change) -> out.printf("  %-16s %s%n", what, change));
    out.println("Findings after: " + diagnosis.check(after, history).stream().map(Finding::ruleId).distinct().toList());
    out.flush();
    return 0;
  }

  /** The numbers a maintenance run changes, before and after. */
  static Map<String, String> compare(TableProfile before, TableProfile after) {
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("data files", before.dataFiles().size() + " → " + after.dataFiles().size());
    rows.put("data bytes", Quantities.bytes(before.dataBytes()) + " → " + Quantities.bytes(after.dataBytes()));
    rows.put("rows", before.records() + " → " + after.records());
    rows.put("partitions", before.filesByPartition().size() + " → " + after.filesByPartition().size());
    rows.put("delete files", before.deleteFiles().size() + " → " + after.deleteFiles().size());
    rows.put("manifests", before.manifests() + " → " + after.manifests());
    rows.put("snapshots", before.snapshots() + " → " + after.snapshots());
    rows.put("metadata JSON", Quantities.bytes(before.metadataJsonBytes()) + " → "
        + Quantities.bytes(after.metadataJsonBytes()));
    return rows;
  }

  private static QueryHistory read(Path file) {
    try {
      return new QueryHistoryReader().read(file);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot read the query history " + file + ": " + e.getMessage(), e);
    }
  }

  /** The command line, parsed by hand: this module has no picocli (it runs under spark-submit too). */
  static final class Options {
    String location;
    String name = "iceberg";
    String warehouse;
    String user;
    String passwordEnv;
    final Map<String, String> properties = new LinkedHashMap<>();
    String table;
    Path history;
    final Set<String> rules = new LinkedHashSet<>();
    boolean dryRun;

    static Options parse(String[] args) {
      Options o = new Options();
      List<String> list = new ArrayList<>(List.of(args));
      for (int i = 0; i < list.size(); i++) {
        String arg = list.get(i);
        if (arg.equals("--dry-run")) {
          o.dryRun = true;
          continue;
        }
        if (i + 1 >= list.size()) {
          throw new IllegalArgumentException("unknown option or missing value: " + arg);
        }
        String value = list.get(++i);
        switch (arg) {
          case "--catalog" -> o.location = value;
          case "--catalog-name" -> o.name = value;
          case "--warehouse" -> o.warehouse = value;
          case "--user" -> o.user = value;
          case "--password-env" -> o.passwordEnv = value;
          case "--catalog-property" -> {
            int eq = value.indexOf('=');
            if (eq <= 0) {
              throw new IllegalArgumentException("--catalog-property " + value + ": expected KEY=VALUE");
            }
            o.properties.put(value.substring(0, eq), value.substring(eq + 1));
          }
          case "--table" -> o.table = value;
          case "--history" -> o.history = Path.of(value);
          case "--rule" -> o.rules.add(value);
          default -> throw new IllegalArgumentException("unknown option: " + arg);
        }
      }
      if (o.location == null || o.table == null) {
        throw new IllegalArgumentException("--catalog LOCATION and --table NAMESPACE.TABLE are required "
            + "(--apply changes only the table you name)");
      }
      if (!o.table.contains(".")) {
        throw new IllegalArgumentException("--table " + o.table + ": name it as NAMESPACE.TABLE");
      }
      return o;
    }

    CatalogSpec catalog() {
      String password = passwordEnv == null ? null : System.getenv(passwordEnv);
      if (passwordEnv != null && password == null) {
        throw new IllegalArgumentException("--password-env " + passwordEnv + ": the environment variable is not set");
      }
      return new CatalogSpec(location, name, warehouse, user, password, properties);
    }
  }
}

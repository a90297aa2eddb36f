package io.querydoctor.iceberg.spark;

import io.querydoctor.iceberg.catalog.CatalogSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs Iceberg maintenance statements (the Spark SQL fixes {@code querydoctor iceberg check} prints) in a Spark
 * session whose catalog is the one QueryDoctor read. Without {@code spark.master} set (plain {@code java}), the
 * session is a local {@code local[2]} one in this JVM, its UI off and bound to 127.0.0.1; under
 * {@code spark-submit} it is the cluster's.
 */
public final class SparkMaintenance implements AutoCloseable {

  private final SparkSession session;

  private SparkMaintenance(SparkSession session) {
    this.session = session;
  }

  /** A session with {@code catalog} configured as Spark catalog {@code catalog.name()}. */
  public static SparkMaintenance open(CatalogSpec catalog) {
    SparkConf conf = new SparkConf(true);
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[2]").set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
          .set("spark.driver.bindAddress", "127.0.0.1").set("spark.sql.shuffle.partitions", "2");
    }
    conf.setAppName("querydoctor-iceberg-apply")
        .set("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    catalogConf(catalog).forEach(conf::set);
    SparkSession session = SparkSession.builder().config(conf).getOrCreate();
    // The report is this tool's output; Spark's INFO log would bury it.
    session.sparkContext().setLogLevel("WARN");
    return new SparkMaintenance(session);
  }

  /** Spark's configuration for the catalog: {@code spark.sql.catalog.NAME.*}. */
  static Map<String, String> catalogConf(CatalogSpec catalog) {
    String prefix = "spark.sql.catalog." + catalog.name();
    Map<String, String> conf = new java.util.LinkedHashMap<>();
    conf.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
    switch (catalog.kind()) {
      case JDBC -> {
        conf.put(prefix + ".type", "jdbc");
        conf.put(prefix + ".uri", catalog.location());
        conf.put(prefix + ".warehouse", catalog.warehouse() == null ? "file:/nonexistent-warehouse"
            : catalog.warehouse());
        if (catalog.user() != null) {
          conf.put(prefix + ".jdbc.user", catalog.user());
        }
        if (catalog.password() != null) {
          conf.put(prefix + ".jdbc.password", catalog.password());
        }
      }
      case REST -> {
        conf.put(prefix + ".type", "rest");
        conf.put(prefix + ".uri", catalog.location());
        if (catalog.warehouse() != null) {
          conf.put(prefix + ".warehouse", catalog.warehouse());
        }
      }
      case HADOOP -> {
        conf.put(prefix + ".type", "hadoop");
        conf.put(prefix + ".warehouse", catalog.location());
      }
      default -> throw new IllegalStateException(catalog.kind().name());
    }
    catalog.properties().forEach((key, value) -> conf.put(prefix + "." + key, value));
    return conf;
  }

  /** Runs {@code statements} in order; each result names the statement, its time and what the procedure returned. */
  public List<StatementRun> run(List<String> statements) {
    List<StatementRun> runs = new ArrayList<>();
    for (String statement : statements) {
      long started = System.nanoTime();
      List<Row> rows = session.sql(statement.endsWith(";") ? statement.substring(0, statement.length() - 1)
          : statement).collectAsList();
      String result = rows.isEmpty() ? "" : rows.get(0).toString();
      runs.add(new StatementRun(statement, (System.nanoTime() - started) / 1_000_000, result));
    }
    return runs;
  }

  @Override
  public void close() {
    session.stop();
  }

  /**
   * One statement run.
   *
   * @param statement the Spark SQL
   * @param millis how long it took
   * @param result the procedure's output row (e.g. rewritten and added file counts), or empty
   */
  public record StatementRun(String statement, long millis, String result) {
    public String describe() {
      return String.format(Locale.ROOT, "%s  (%d ms)%s", statement, millis, result.isEmpty() ? "" : " → " + result);
    }
  }
}

package io.querydoctor.demo.data;

import io.querydoctor.core.diagnosis.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Builds the demo database: schema, data, indexes, statistics, and the state changes that plant the
 * catalog-side problems (stale statistics on {@code orders}, whose autovacuum is off).
 */
public final class DemoDatabase {

  /** The seed of the data generator: the same seed gives the same rows, so plans are reproducible. */
  public static final long SEED = 20_260_630L;

  private final DemoScale scale;
  private final ProgressListener progress;

  public DemoDatabase(DemoScale scale, ProgressListener progress) {
    this.scale = scale;
    this.progress = progress;
  }

  /** Creates and fills the demo schema in the (empty) database {@code connection} points at. */
  public void build(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    progress.step("creating the demo schema");
    execute(connection, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    executeScript(connection, "schema.sql");
    DemoDataGenerator generator = new DemoDataGenerator(scale, SEED, progress);
    generator.load(connection);
    progress.step("building indexes");
    executeScript(connection, "indexes.sql");
    progress.step("analyzing");
    // Planted problem 4: autovacuum (and with it auto-analyze) off for orders, so nothing repairs the
    // statistics after the bulk change below.
    execute(connection, "ALTER TABLE orders SET (autovacuum_enabled = false)");
    // The load's insert counts must reach the statistics before ANALYZE resets them; otherwise they arrive
    // after it and make every loaded table look 100 % modified since its last ANALYZE.
    execute(connection, "SELECT pg_stat_force_next_flush()");
    execute(connection, "VACUUM ANALYZE");
    progress.step("changing orders after ANALYZE");
    generator.loadStaleOrders(connection);
    execute(connection, "SELECT setval('orders_id_seq', (SELECT max(id) FROM orders))");
    execute(connection, "SELECT setval('order_items_id_seq', (SELECT max(id) FROM order_items))");
    // Start the workload from clean statement statistics, so that what is measured is the demo's own.
    execute(connection, "SELECT pg_stat_statements_reset()");
  }

  public DemoScale scale() {
    return scale;
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Runs a bundled script; statements are separated by ';' at the end of a line. */
  static void executeScript(Connection connection, String resource) throws SQLException {
    for (String sql : script(resource).split(";\\s*\\n")) {
      String statement = stripComments(sql);
      if (!statement.isBlank()) {
        execute(connection, statement);
      }
    }
  }

  private static String stripComments(String sql) {
    StringBuilder kept = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (!line.strip().startsWith("--")) {
        kept.append(line).append('\n');
      }
    }
    return kept.toString();
  }

  private static String script(String resource) {
    try (InputStream in = DemoDatabase.class.getResourceAsStream("/io/querydoctor/demo/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("demo resource missing from the jar: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

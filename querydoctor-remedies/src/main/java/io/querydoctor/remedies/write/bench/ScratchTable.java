package io.querydoctor.remedies.write.bench;

import io.querydoctor.remedies.write.WriteDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * An empty copy of the table under test that the benchmark writes to, emptied between strategies and dropped
 * at the end (also from a shutdown hook, so Ctrl-C leaves nothing behind). The original table is only read
 * from the catalog: its rows, sequences and statistics are never touched.
 */
public final class ScratchTable implements AutoCloseable {

  /** How long the exit hook's DROP waits for a lock before it gives up and says so. */
  private static final int DROP_TIMEOUT_SECONDS = 10;

  private final Connection connection;
  private final String name;
  private final String unquotedName;
  private final Thread dropOnExit;
  private boolean dropped;

  private ScratchTable(Connection connection, String name, String unquotedName, Thread dropOnExit) {
    this.connection = connection;
    this.name = name;
    this.unquotedName = unquotedName;
    this.dropOnExit = dropOnExit;
  }

  /**
   * Creates the copy of {@code shape}'s table next to it. On Ctrl-C (JVM exit) a hook aborts {@code writers}, the
   * connections the benchmark writes with, then drops the copy over a connection {@code reconnect} opens, and
   * tells {@code warnings} when even that fails.
   */
  public static ScratchTable create(Connection connection, WriteDialect dialect, TableShape shape,
      List<Connection> writers, ConnectionOpener reconnect, Consumer<String> warnings) throws SQLException {
    String unquoted = "querydoctor_bench_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    String original = qualified(dialect, shape.schema(), shape.table());
    String name = qualified(dialect, shape.schema(), unquoted);
    try (Statement s = connection.createStatement()) {
      s.execute(dialect.createScratchTable(original, name));
    }
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
    Thread hook = new Thread(() -> {
      abort(writers);
      dropWith(reconnect, name, warnings);
    }, "querydoctor-bench-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    return new ScratchTable(connection, name, unquoted, hook);
  }

  /** How the shutdown hook reaches the database when the benchmark's own connection is busy or gone. */
  @FunctionalInterface
  public interface ConnectionOpener {
    Connection open() throws Exception;
  }

  private static String qualified(WriteDialect dialect, String schema, String table) {
    return schema == null ? dialect.quote(table) : dialect.quote(schema) + "." + dialect.quote(table);
  }

  /** The table, qualified and quoted. */
  public String name() {
    return name;
  }

  /** Its name alone, unquoted (as the catalog spells it). */
  public String unquotedName() {
    return unquotedName;
  }

  /** Rows in it now. */
  public long count() throws SQLException {
    try (Statement s = connection.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM " + name)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Empties it for the next strategy. */
  public void empty() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("TRUNCATE " + name);
    }
  }

  @Override
  public void close() throws SQLException {
    if (dropped) {
      return;
    }
    dropped = true;
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
      try (Statement s = connection.createStatement()) {
        s.execute("DROP TABLE IF EXISTS " + name);
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(dropOnExit);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or about to: it drops the table itself.
      }
    }
  }

  /**
   * Ends the writers' sessions, so that a transaction in progress (a strategy mid-run holds the table's lock
   * until it commits) is rolled back by the server instead of blocking the DROP.
   */
  private static void abort(List<Connection> writers) {
    for (Connection writer : writers) {
      try {
        writer.abort(Runnable::run);
      } catch (SQLException | RuntimeException e) {
        // Closed already, or the driver cannot: the DROP's timeout bounds the wait either way.
      }
    }
  }

  private static void dropWith(ConnectionOpener reconnect, String name, Consumer<String> warnings) {
    try (Connection c = reconnect.open(); Statement s = c.createStatement()) {
      // The benchmark's own connection may still hold the table's lock mid-batch: wait a little, never forever
      // (the JVM is exiting and will not close it first).
      s.setQueryTimeout(DROP_TIMEOUT_SECONDS);
      s.execute("DROP TABLE IF EXISTS " + name);
    } catch (Exception e) { // NOPMD: whatever the reason, the user must hear the table is still there
      warnings.accept("could not drop the scratch table " + name + ": " + e.getMessage() + " (drop it by hand)");
    }
  }
}

package io.querydoctor.remedies.write;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * What bulk writing needs from one engine: how to quote a name, which driver flag rewrites JDBC batches into
 * multi-row statements, how many bind parameters one statement may carry, how to stream rows in (PostgreSQL's
 * {@code COPY}, MySQL's {@code LOAD DATA LOCAL}) and how to make an empty copy of a table.
 *
 * <p>Implementations are stateless and thread-safe. Every method that takes a {@link Connection} runs on the
 * caller's thread, leaves the connection's auto-commit as it found it, and lets the driver's
 * {@link SQLException} through unchanged.
 *
 * <p>PostgreSQL is {@link PostgresWriteDialect}; MySQL and MariaDB are {@link MySqlWriteDialect} (one per driver,
 * since MySQL Connector/J and MariaDB Connector/J batch differently). Databases there are JDBC catalogs, which
 * {@code TableShape} reads as the schema.
 */
public interface WriteDialect {

  /** The engine's name as users know it ("PostgreSQL"). */
  String name();

  /** The connection property (also a URL parameter) that makes the driver rewrite batches, with its value. */
  String batchRewriteParameter();

  /** At most this many bind parameters in one statement (the driver's or protocol's limit). */
  int maxParameters();

  /** {@code identifier} quoted for this engine (a table or column name as the catalog spells it). */
  String quote(String identifier);

  /**
   * Whether rows can be streamed into a table on this connection ({@code COPY FROM STDIN}); false when the
   * driver is not the engine's own (a wrapper that hides it) or the engine has the feature switched off.
   */
  boolean canStream(Connection connection);

  /** How the table names the streaming strategy ({@code COPY FROM STDIN}, {@code LOAD DATA LOCAL INFILE}). */
  default String streamLabel() {
    return "COPY FROM STDIN (streamed)";
  }

  /**
   * Whether streaming is this engine's fastest safe way in, so that {@link BulkWriter} uses it when it can: true
   * for COPY; false for LOAD DATA LOCAL, which measured slower than multi-row INSERTs on MariaDB
   * (docs/performance.md) and turns a duplicate key into a warning instead of an error.
   */
  default boolean streamsFastest() {
    return true;
  }

  /** Why streaming is off when {@link #canStream} says no, with the setting that turns it on. */
  default String streamDisabledReason() {
    return streamLabel() + " skipped: the connection is not the engine's own driver";
  }

  /**
   * Streams {@code rows} into {@code table}'s {@code columns} in one statement and returns how many the
   * database took. Runs in the connection's current transaction.
   */
  long stream(Connection connection, String table, List<String> columns, Iterator<Object[]> rows)
      throws SQLException;

  /**
   * DDL creating {@code scratch}, an empty table with {@code table}'s columns, types, NOT NULLs, checks and
   * indexes (so writes cost what they cost on {@code table}), without foreign keys, triggers or sequences (so
   * writing to it touches nothing else). Both names are already qualified and quoted.
   */
  String createScratchTable(String table, String scratch);

  /** The dialect of {@code connection}'s engine; {@link UnsupportedDialectException} when none is built yet. */
  static WriteDialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    String lower = product.toLowerCase(Locale.ROOT);
    if (lower.contains("postgres")) {
      return PostgresWriteDialect.INSTANCE;
    }
    if (lower.contains("mysql") || lower.contains("mariadb")) {
      String driver = connection.getMetaData().getDriverName().toLowerCase(Locale.ROOT);
      return driver.contains("mariadb") ? MySqlWriteDialect.MARIADB_DRIVER : MySqlWriteDialect.MYSQL_DRIVER;
    }
    throw new UnsupportedDialectException(product);
  }
}

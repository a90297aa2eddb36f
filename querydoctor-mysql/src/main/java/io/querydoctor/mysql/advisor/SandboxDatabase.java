package io.querydoctor.mysql.advisor;

import io.querydoctor.mysql.plan.rules.MysqlDdl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * The database the user declared a sandbox (a copy, a staging database): the only place QueryDoctor builds, hides
 * or drops an index on MySQL/MariaDB. Every DDL it runs names this database explicitly ({@code `db`.`table`}), and a
 * table that is not in it is refused, so nothing can reach another schema on the same server. Holds one writable
 * connection (the user's), with a statement time limit; not thread-safe.
 */
public final class SandboxDatabase implements AutoCloseable {

  private final Connection connection;
  private final String database;
  private final boolean mariaDb;
  private final int major;

  /**
   * @param connection a connection to the sandbox, whose current database ({@code DATABASE()}) is the sandbox; owned
   *     and closed by this object
   * @param statementTimeoutSeconds limit for each statement (index builds included)
   */
  public SandboxDatabase(Connection connection, int statementTimeoutSeconds) throws SQLException {
    this.connection = Objects.requireNonNull(connection, "connection");
    try (Statement s = connection.createStatement()) {
      this.database = single(s, "SELECT DATABASE()");
      if (database == null) {
        throw new SQLException("the sandbox URL names no database: give it as jdbc:mariadb://host/SANDBOX_DB");
      }
      String version = single(s, "SELECT VERSION()");
      this.mariaDb = version.toLowerCase(java.util.Locale.ROOT).contains("mariadb");
      this.major = Integer.parseInt(version.replaceAll("^(\\d+).*", "$1"));
      s.execute(mariaDb ? "SET SESSION max_statement_time = " + statementTimeoutSeconds
          : "SET SESSION max_execution_time = " + statementTimeoutSeconds * 1000L);
      s.execute("SET SESSION lock_wait_timeout = 5");
    }
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  public String database() {
    return database;
  }

  public boolean isMariaDb() {
    return mariaDb;
  }

  /**
   * True on MariaDB 11+, whose cost model counts (about) milliseconds — a 60 000-row scan costs 10 — where MySQL
   * and older MariaDB count row reads and pages (the same scan costs thousands).
   */
  public boolean costsInMilliseconds() {
    return mariaDb && major >= 11;
  }

  public Connection connection() {
    return connection;
  }

  /** {@code `sandbox`.`table`}, after checking the table is one of the sandbox's base tables. */
  String qualified(String table) throws SQLException {
    try (var ps = connection.prepareStatement("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? "
        + "AND table_name = ? AND table_type = 'BASE TABLE'")) {
      ps.setString(1, database);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) != 1) {
          throw new SQLException("table " + table + " is not in the sandbox database " + database
              + ": QueryDoctor changes indexes only there");
        }
      }
    }
    return MysqlDdl.quote(database) + "." + MysqlDdl.quote(table);
  }

  /** Runs one DDL statement the caller built with {@link #qualified}. */
  void execute(String ddl) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(ddl);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}

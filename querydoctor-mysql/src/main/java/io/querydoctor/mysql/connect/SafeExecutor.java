package io.querydoctor.mysql.connect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one place through which QueryDoctor's own statements reach a user's MySQL or MariaDB. The session is made
 * read-only ({@code SET SESSION TRANSACTION READ ONLY}), every statement is bounded in time ({@code
 * max_statement_time} on MariaDB, {@code max_execution_time} on MySQL, where it bounds SELECTs) and gives up on
 * locks quickly ({@code lock_wait_timeout} for metadata locks, {@code innodb_lock_wait_timeout} for row locks),
 * and each call runs in its own {@code START TRANSACTION READ ONLY} that is rolled back. So pointing the tool at
 * production can neither change data nor queue behind the application's locks for long. The drivers refuse
 * several statements in one string unless {@code allowMultiQueries} is set, which this tool never sets.
 *
 * <p>Not thread-safe: one executor per connection, used by one thread at a time.
 */
public final class SafeExecutor implements AutoCloseable {

  /** Defaults a DBA would accept on a busy primary, the same as for PostgreSQL (docs/security.md). */
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_LOCK_WAIT_TIMEOUT = Duration.ofSeconds(2);

  /** Marks the tool's own statements in the processlist and the general log. */
  static final String OWN_STATEMENT_MARK = "/* querydoctor */ ";

  private final Connection connection;
  private final ServerVersion server;

  /** Takes ownership of {@code connection} and makes its session read-only with the given limits. */
  public SafeExecutor(Connection connection, Duration statementTimeout, Duration lockWaitTimeout)
      throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(true);
    try (Statement session = connection.createStatement()) {
      this.server = ServerVersion.parse(single(session, "SELECT VERSION()"));
      session.execute("SET SESSION TRANSACTION READ ONLY");
      if (server.isMariaDb()) {
        session.execute(String.format(Locale.ROOT, "SET SESSION max_statement_time = %.3f",
            statementTimeout.toMillis() / 1000.0));
      } else {
        session.execute("SET SESSION max_execution_time = " + statementTimeout.toMillis());
      }
      long lockSeconds = Math.max(1, lockWaitTimeout.toSeconds());
      session.execute("SET SESSION lock_wait_timeout = " + lockSeconds);
      session.execute("SET SESSION innodb_lock_wait_timeout = " + lockSeconds);
    }
  }

  public SafeExecutor(Connection connection) throws SQLException {
    this(connection, DEFAULT_STATEMENT_TIMEOUT, DEFAULT_LOCK_WAIT_TIMEOUT);
  }

  private static String single(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** The server that answered, for version gates. */
  public ServerVersion server() {
    return server;
  }

  /** Runs {@code sql} (with {@code parameters} bound in order) in a read-only transaction and maps every row. */
  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
    return inReadOnlyTransaction(() -> {
      try (PreparedStatement statement = connection.prepareStatement(OWN_STATEMENT_MARK + sql)) {
        for (int i = 0; i < parameters.length; i++) {
          statement.setObject(i + 1, parameters[i]);
        }
        try (ResultSet rs = statement.executeQuery()) {
          return rows(rs, mapper);
        }
      }
    });
  }

  /**
   * Runs one statement as given, without placeholders, in a read-only transaction: {@code SHOW …} statements,
   * which some servers refuse to prepare, and {@code EXPLAIN} of a user's statement.
   */
  public <T> List<T> queryUnprepared(String sql, RowMapper<T> mapper) throws SQLException {
    return inReadOnlyTransaction(() -> {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(OWN_STATEMENT_MARK + sql)) {
        return rows(rs, mapper);
      }
    });
  }

  /** Runs a query expected to return exactly one row. */
  public <T> T queryOne(String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
    List<T> rows = query(sql, mapper, parameters);
    if (rows.size() != 1) {
      throw new SQLException("expected one row, got " + rows.size() + " from: " + sql);
    }
    return rows.get(0);
  }

  private static <T> List<T> rows(ResultSet rs, RowMapper<T> mapper) throws SQLException {
    List<T> rows = new ArrayList<>();
    while (rs.next()) {
      rows.add(mapper.map(rs));
    }
    return rows;
  }

  /** Work done inside one read-only transaction on this executor's connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws SQLException;
  }

  /** Runs {@code work} in a transaction started read-only and always rolled back, whatever the work does. */
  public <T> T inReadOnlyTransaction(Work<T> work) throws SQLException {
    try (Statement begin = connection.createStatement()) {
      begin.execute("START TRANSACTION READ ONLY");
      return work.run();
    } finally {
      try (Statement end = connection.createStatement()) {
        end.execute("ROLLBACK");
      }
    }
  }

  /** The underlying connection, for metadata only; statements go through this executor. */
  public Connection connection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}

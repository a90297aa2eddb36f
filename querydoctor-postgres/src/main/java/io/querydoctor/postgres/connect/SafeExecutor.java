package io.querydoctor.postgres.connect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place through which QueryDoctor's own statements reach a user's database. Every statement runs
 * in a read-only transaction that is rolled back, with {@code statement_timeout} and {@code lock_timeout}
 * set, so that pointing the tool at production can neither change data nor queue behind (or in front of)
 * the application's locks.
 *
 * <p>The session itself is read-only too ({@code default_transaction_read_only = on}): should a
 * {@code COMMIT} ever end the read-only transaction, whatever came next would run in another read-only one.
 * SQL that came from a user or a log goes through {@link SingleStatement}: exactly one statement, through the
 * extended query protocol. Only {@code --analyze-writes} opens a read-write transaction, explicitly, and rolls
 * it back. See docs/security.md.
 *
 * <p>Not thread-safe: one executor per connection, used by one thread at a time.
 */
public final class SafeExecutor implements AutoCloseable {

  /** Defaults a DBA would accept on a busy primary: a catalog query that takes longer is a problem itself. */
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);

  private final Connection connection;

  /**
   * Takes ownership of {@code connection} and prepares its session: read-only by default, standard-conforming
   * strings (the lexical rules {@link SingleStatement} checks text with), application name, timeouts, the
   * extended query protocol, no autocommit (each call is its own rolled-back transaction).
   */
  public SafeExecutor(Connection connection, Duration statementTimeout, Duration lockTimeout) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(true);
    SingleStatement.requireExtendedProtocol(connection);
    try (Statement session = connection.createStatement()) {
      session.execute("SET default_transaction_read_only = on");
      session.execute("SET standard_conforming_strings = on");
      session.execute("SET application_name = 'querydoctor'");
      session.execute("SET statement_timeout = " + statementTimeout.toMillis());
      session.execute("SET lock_timeout = " + lockTimeout.toMillis());
      session.execute("SET idle_in_transaction_session_timeout = " + statementTimeout.multipliedBy(2).toMillis());
    }
    connection.setAutoCommit(false);
  }

  public SafeExecutor(Connection connection) throws SQLException {
    this(connection, DEFAULT_STATEMENT_TIMEOUT, DEFAULT_LOCK_TIMEOUT);
  }

  /**
   * Marks the tool's own statements in pg_stat_statements and pg_stat_activity, so that a diagnosis never
   * takes them for the application's workload (the plan step only looks at statements starting with a verb).
   */
  static final String OWN_STATEMENT_MARK = "/* querydoctor */ ";

  /** Runs {@code sql} (with {@code parameters} bound in order) read-only and maps every row. */
  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
    return inReadOnlyTransaction(() -> {
      try (PreparedStatement statement = connection.prepareStatement(OWN_STATEMENT_MARK + sql)) {
        for (int i = 0; i < parameters.length; i++) {
          statement.setObject(i + 1, parameters[i]);
        }
        List<T> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            rows.add(mapper.map(rs));
          }
        }
        return rows;
      }
    });
  }

  /**
   * Runs {@code sql} as given, read-only and rolled back: exactly one statement, through the extended protocol
   * without binding parameters ({@link SingleStatement}). For SQL from a user or a log, and for text that must
   * reach the server verbatim, such as {@code ?} operators the driver would take for placeholders. A statement
   * with {@code $1} markers needs values this way: plan it with {@link #explainGeneric} instead.
   *
   * @throws SQLException (SQLState 42601) for text holding more than one statement, before anything is sent
   */
  public <T> List<T> queryUnprepared(String sql, RowMapper<T> mapper) throws SQLException {
    return inReadOnlyTransaction(() -> unprepared(sql, mapper));
  }

  /**
   * The rows of {@code EXPLAIN (options)} of the generic plan of {@code statement}, whose {@code $1} markers have
   * no values, read-only and rolled back, through the extended protocol ({@link GenericPlans}).
   *
   * @param options EXPLAIN options without brackets, e.g. {@code FORMAT JSON}
   * @throws SQLException (SQLState 42601) for text holding more than one statement, before anything is sent
   */
  public List<String> explainGeneric(String statement, String options) throws SQLException {
    return inReadOnlyTransaction(() -> GenericPlans.explain(connection, statement, options));
  }

  /**
   * Like {@link #queryUnprepared} but in a read-write transaction that is always rolled back: only for
   * {@code EXPLAIN ANALYZE} of a writing statement the user explicitly allowed.
   */
  public <T> List<T> queryUnpreparedRolledBack(String sql, RowMapper<T> mapper) throws SQLException {
    return inRolledBackTransaction(() -> unprepared(sql, mapper));
  }

  private <T> List<T> unprepared(String sql, RowMapper<T> mapper) throws SQLException {
    return SingleStatement.query(connection, sql, mapper);
  }

  /** Runs a query expected to return exactly one row. */
  public <T> T queryOne(String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
    List<T> rows = query(sql, mapper, parameters);
    if (rows.size() != 1) {
      throw new SQLException("expected one row, got " + rows.size() + " from: " + sql);
    }
    return rows.get(0);
  }

  /** Work done inside a read-only transaction on this executor's connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction that is set read-only first and always rolled back, whatever the
   * work does. Use for several statements that must see one snapshot.
   */
  public <T> T inReadOnlyTransaction(Work<T> work) throws SQLException {
    try (Statement begin = connection.createStatement()) {
      begin.execute("SET TRANSACTION READ ONLY");
      return work.run();
    } finally {
      connection.rollback();
    }
  }

  /**
   * Runs {@code work} in a read-write transaction that is always rolled back, whatever the work does: the
   * write happens and is undone, its row locks are held until the rollback, and the timeouts still bound it.
   * The only way out of the session's read-only default, and only for this one transaction.
   */
  private <T> T inRolledBackTransaction(Work<T> work) throws SQLException {
    try (Statement begin = connection.createStatement()) {
      begin.execute("SET TRANSACTION READ WRITE");
      return work.run();
    } finally {
      connection.rollback();
    }
  }

  /** Major version of the server, e.g. 16 (version gates are data: callers compare with a minimum). */
  public int serverMajorVersion() throws SQLException {
    return connection.getMetaData().getDatabaseMajorVersion();
  }

  /**
   * Sets a planner or memory setting for the rest of this session, for what-if EXPLAINs ({@code work_mem},
   * {@code enable_seqscan}, {@code random_page_cost}, …). Only settings in the server's "Query Tuning" and
   * "Resource Usage / Memory" categories are accepted, so that the read-only mode and the timeouts this
   * executor relies on can never be changed through it.
   *
   * @throws IllegalArgumentException for an unknown or disallowed setting, with a one-line reason
   */
  public void setPlannerSetting(String name, String value) throws SQLException {
    List<String> categories = query("SELECT category FROM pg_settings WHERE name = lower(?)", rs -> rs.getString(1), name);
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("unknown setting '" + name + "'");
    }
    String category = categories.get(0);
    if (!category.startsWith("Query Tuning") && !category.equals("Resource Usage / Memory")) {
      throw new IllegalArgumentException("only planner and memory settings can be set, and '" + name
          + "' is in category '" + category + "'");
    }
    connection.setAutoCommit(true);
    try (PreparedStatement set = connection.prepareStatement("SELECT set_config(lower(?), ?, false)")) {
      set.setString(1, name);
      set.setString(2, value);
      set.execute();
    } catch (SQLException e) {
      throw new IllegalArgumentException("cannot set " + name + " to '" + value + "': " + e.getMessage(), e);
    } finally {
      connection.setAutoCommit(false);
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

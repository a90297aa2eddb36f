package io.querydoctor.postgres.connect;

import io.querydoctor.core.sql.PostgresLexer;
import io.querydoctor.core.sql.PostgresLexer.Kind;
import io.querydoctor.core.sql.PostgresLexer.Lexeme;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Parser;
import org.postgresql.core.QueryExecutor;
import org.postgresql.jdbc.PreferQueryMode;

/**
 * Sends SQL text that came from a user or a log as exactly one statement, whatever the text holds.
 *
 * <p>Three independent checks, any one of which stops a second statement:
 * <ol>
 *   <li>{@link PostgresLexer}, with the server's own rules, finds no {@code ;} before the end of the code;
 *   <li>the driver's own parser (pgjdbc's, which decides how many protocol messages it sends) also sees one
 *       statement — if it saw two it would send two, so the text is refused instead;
 *   <li>the text goes through the extended query protocol: one Parse message, which the server refuses to
 *       hold more than one statement ("cannot insert multiple commands into a prepared statement").
 * </ol>
 * Statements with {@code $1} markers inside {@code EXPLAIN (GENERIC_PLAN)} still work this way: the server
 * counts them as the EXPLAIN's own parameters, not the Parse message's. {@code ?} is never a placeholder here
 * (a plain statement, not a prepared one), so jsonb's {@code ?} operators pass through. JDBC escapes
 * ({@code {fn …}}) are not processed: the server sees the text as given.
 */
public final class SingleStatement {

  private SingleStatement() {}

  /**
   * Makes every later plain statement on {@code connection} use the extended protocol: pgjdbc's
   * {@code preferQueryMode=simple} or {@code extendedForPrepared} (from the user's URL) would send a plain
   * statement as a simple Query message, which can hold several statements.
   */
  static void requireExtendedProtocol(Connection connection) throws SQLException {
    QueryExecutor executor = connection.unwrap(BaseConnection.class).getQueryExecutor();
    if (executor.getPreferQueryMode().compareTo(PreferQueryMode.EXTENDED) < 0) {
      executor.setPreferQueryMode(PreferQueryMode.EXTENDED);
    }
  }

  /**
   * Refuses {@code sql} unless it is one statement by both the server's lexical rules and the driver's, and
   * returns it without what follows its last token (a {@code ;}, comments, whitespace), which the driver would
   * otherwise send as an empty statement of its own.
   *
   * @throws SQLException (SQLState 42601, syntax error) naming why, before anything is sent
   */
  public static String check(Connection connection, String sql) throws SQLException {
    List<Lexeme> lexemes = PostgresLexer.lex(sql);
    int lastCode = -1;
    for (int k = 0; k < lexemes.size(); k++) {
      Kind kind = lexemes.get(k).kind();
      if (!kind.isBlank() && kind != Kind.SEMICOLON) {
        lastCode = k;
      }
    }
    for (int k = 0; k < lastCode; k++) {
      if (lexemes.get(k).kind() == Kind.SEMICOLON) {
        throw refused();
      }
    }
    String statement = lastCode < 0 ? sql : sql.substring(0, lexemes.get(lastCode).end());
    boolean standardConformingStrings =
        connection.unwrap(BaseConnection.class).getQueryExecutor().getStandardConformingStrings();
    if (Parser.parseJdbcSql(statement, standardConformingStrings, false, true, false, false).size() > 1) {
      throw refused();
    }
    return statement;
  }

  private static SQLException refused() {
    return new SQLException("refusing to send several statements chained with ';': give one statement", "42601");
  }

  /** Checks {@code sql}, runs it through the extended protocol and maps every row of its result. */
  public static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper) throws SQLException {
    List<T> rows = new ArrayList<>();
    run(connection, sql, rs -> {
      while (rs.next()) {
        rows.add(mapper.map(rs));
      }
    });
    return rows;
  }

  /** Checks {@code sql}, runs it through the extended protocol and reads its result to the end. */
  public static void drain(Connection connection, String sql) throws SQLException {
    run(connection, sql, rs -> {
      while (rs.next()) {
        rs.getObject(1);
      }
    });
  }

  @FunctionalInterface
  private interface ResultReader {
    void read(ResultSet rs) throws SQLException;
  }

  private static void run(Connection connection, String text, ResultReader reader) throws SQLException {
    String sql = check(connection, text);
    requireExtendedProtocol(connection);
    try (Statement statement = connection.createStatement()) {
      statement.setEscapeProcessing(false);
      if (statement.execute(sql)) {
        try (ResultSet rs = statement.getResultSet()) {
          reader.read(rs);
        }
      }
    }
  }
}

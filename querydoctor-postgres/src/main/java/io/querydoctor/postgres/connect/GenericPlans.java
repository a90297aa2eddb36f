package io.querydoctor.postgres.connect;

import io.querydoctor.core.sql.PostgresLexer;
import io.querydoctor.core.sql.PostgresLexer.Kind;
import io.querydoctor.core.sql.PostgresLexer.Lexeme;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.StringJoiner;

/**
 * The generic plan of a statement with {@code $1} markers and no values, through the extended protocol: the
 * statement is {@code PREPARE}d and planned by {@code EXPLAIN EXECUTE … (NULL, …)} with
 * {@code plan_cache_mode = force_generic_plan}, so the NULLs are never looked at.
 *
 * <p>Why not {@code EXPLAIN (GENERIC_PLAN) …} (PostgreSQL 16+): it only plans without values when sent as a
 * simple Query message, and a simple Query message can hold several statements. Through the extended protocol
 * the server counts the markers as the Parse message's own parameters and wants values for them, and the values
 * bound are then folded into the plan ({@code id = $1} bound to NULL plans as "One-Time Filter: false"). A
 * {@code PREPARE} is parsed on its own when it runs, so its markers are its own; each of the three messages
 * holds one statement. Runs in the caller's transaction (which the caller rolls back); the prepared statement is
 * deallocated before returning, and one left over by a failed call is deallocated before the next.
 */
public final class GenericPlans {

  static final String NAME = "querydoctor_generic_plan";

  private GenericPlans() {}

  /**
   * The rows of {@code EXPLAIN (options) EXECUTE} of {@code statement}'s generic plan, in the current transaction.
   *
   * @param statement one preparable statement (SELECT, INSERT, UPDATE, DELETE, MERGE, VALUES) with {@code $n}
   * @param options EXPLAIN options without brackets, e.g. {@code FORMAT JSON}
   */
  public static List<String> explain(Connection connection, String text, String options) throws SQLException {
    String statement = SingleStatement.check(connection, text);
    deallocateLeftover(connection);
    try (Statement setting = connection.createStatement()) {
      setting.execute("SET LOCAL plan_cache_mode = force_generic_plan");
    }
    SingleStatement.query(connection, "PREPARE " + NAME + " AS " + statement, rs -> null);
    try {
      return SingleStatement.query(connection, "EXPLAIN (" + options + ") EXECUTE " + NAME + nulls(statement),
          rs -> rs.getString(1));
    } finally {
      try (Statement cleanup = connection.createStatement()) {
        cleanup.execute("DEALLOCATE " + NAME);
        cleanup.execute("SET LOCAL plan_cache_mode TO DEFAULT");
      } catch (SQLException e) {
        // The transaction failed: the caller rolls it back, and the next call deallocates what is left.
      }
    }
  }

  private static void deallocateLeftover(Connection connection) throws SQLException {
    try (PreparedStatement find = connection.prepareStatement("SELECT 1 FROM pg_prepared_statements WHERE name = ?")) {
      find.setString(1, NAME);
      try (ResultSet rs = find.executeQuery()) {
        if (!rs.next()) {
          return;
        }
      }
    }
    try (Statement deallocate = connection.createStatement()) {
      deallocate.execute("DEALLOCATE " + NAME);
    }
  }

  /** {@code (NULL, NULL)} for the highest {@code $n} of the statement; empty when it has none. */
  static String nulls(String statement) {
    int highest = 0;
    for (Lexeme lexeme : PostgresLexer.lex(statement)) {
      if (lexeme.kind() == Kind.PARAMETER) {
        highest = Math.max(highest, Integer.parseInt(lexeme.text(statement).substring(1).replace("_", "")));
      }
    }
    if (highest == 0) {
      return "";
    }
    StringJoiner values = new StringJoiner(", ", "(", ")");
    for (int i = 0; i < highest; i++) {
      values.add("NULL");
    }
    return values.toString();
  }
}

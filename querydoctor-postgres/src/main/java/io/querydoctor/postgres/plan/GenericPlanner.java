package io.querydoctor.postgres.plan;

import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement with {@code $n} parameters planned as a prepared statement: {@link #explainPrepared} runs
 * {@code SET LOCAL} settings, {@code PREPARE} and {@code EXPLAIN … EXECUTE} with the given arguments in one
 * read-only transaction (rolled back), each one statement through the safe executor, and always deallocates (a
 * prepared statement outlives a rollback). Used with {@code force_custom_plan} and sample values by
 * {@code --analyze} ({@link SampledRun}); generic plans go through {@link SafeExecutor#explainGeneric}. Also
 * turns the server's "could not determine data type of parameter" into an {@link UnplannableStatementException}.
 *
 * <p>Not thread-safe (it uses the executor's connection); one prepared name per connection at a time.
 */
final class GenericPlanner {

  /** One name: the planner prepares, explains and deallocates before it returns. */
  static final String PREPARED_NAME = "querydoctor_explain";

  private static final Pattern UNKNOWN_TYPE =
      Pattern.compile("could not determine data type of parameter \\$(\\d+)");

  /**
   * Prepares {@code statement} after {@code settings} (each a {@code SET LOCAL}), runs {@code explain EXECUTE
   * name arguments} in the same read-only transaction, rolls back and deallocates, whatever happened.
   */
  static String explainPrepared(SafeExecutor executor, List<String> settings, StatementText statement,
      String explain, String arguments) throws SQLException {
    List<String> setup = new java.util.ArrayList<>(settings);
    setup.add("PREPARE " + PREPARED_NAME + " AS " + statement.sql());
    try {
      return String.join("\n", executor.queryUnpreparedAfter(setup,
          explain + " EXECUTE " + PREPARED_NAME + arguments, rs -> rs.getString(1)));
    } finally {
      deallocate(executor);
    }
  }

  /** {@code e}, or an {@link UnplannableStatementException} when it says a parameter's type is unknown. */
  static SQLException unplannable(SQLException e) {
    Matcher m = UNKNOWN_TYPE.matcher(String.valueOf(e.getMessage()));
    if (!m.find()) {
      return e;
    }
    return new UnplannableStatementException("PostgreSQL cannot infer the type of parameter $" + m.group(1)
        + " from the statement's text, so it cannot plan it without values", e);
  }

  /** Removes the prepared statement; it is missing when PREPARE itself failed, which is fine. */
  private static void deallocate(SafeExecutor executor) throws SQLException {
    boolean prepared = !executor.query("SELECT 1 FROM pg_prepared_statements WHERE name = ?", rs -> 1,
        PREPARED_NAME).isEmpty();
    if (prepared) {
      executor.runUnprepared("DEALLOCATE " + PREPARED_NAME);
    }
  }
}

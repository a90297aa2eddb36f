package io.querydoctor.postgres.plan;

import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generic plan of a statement with {@code $n} parameters on PostgreSQL 13–15, which have no
 * {@code EXPLAIN (GENERIC_PLAN)}: the statement is prepared and explained as an {@code EXECUTE} with the plan
 * cache forced to its generic plan.
 *
 * <p>Design note: inside one read-only transaction (rolled back): {@code SET LOCAL plan_cache_mode =
 * force_generic_plan}, {@code PREPARE} the text, {@code EXPLAIN (FORMAT JSON) EXECUTE} it with one
 * {@code NULL} per parameter. A generic plan is built without looking at the values, so the parameters stay
 * {@code $n} in the plan, exactly as {@code GENERIC_PLAN} shows them on 16+ (the NULLs only satisfy
 * {@code EXECUTE}'s arity; they are never planned with). A prepared statement outlives a rollback, so it is
 * deallocated afterwards in every case. The server infers each parameter's type from its context; where it
 * cannot ({@code SELECT $1}), the statement is refused with a one-line reason the caller reports as a skip.
 *
 * <p>Not thread-safe (it uses the executor's connection); one prepared name per connection at a time.
 */
final class GenericPlanner {

  /** One name: the planner prepares, explains and deallocates before it returns. */
  static final String PREPARED_NAME = "querydoctor_explain";

  /** PostgreSQL's limit on the parameters of one statement. */
  private static final int MAX_PARAMETERS = 65_535;

  private static final Pattern UNKNOWN_TYPE =
      Pattern.compile("could not determine data type of parameter \\$(\\d+)");

  private final SafeExecutor executor;

  GenericPlanner(SafeExecutor executor) {
    this.executor = executor;
  }

  /**
   * The JSON of the generic plan of {@code statement}.
   *
   * @throws UnplannableStatementException when the server cannot infer a parameter's type
   * @throws SQLException when the server refuses the statement for another reason
   */
  String explainJson(StatementText statement) throws SQLException {
    int parameters = statement.highestParameter();
    if (parameters > MAX_PARAMETERS) {
      throw new IllegalArgumentException("the statement has more than " + MAX_PARAMETERS + " parameters");
    }
    try {
      return explainPrepared(executor, List.of("SET LOCAL plan_cache_mode = force_generic_plan"), statement,
          "EXPLAIN (FORMAT JSON)", arguments(parameters));
    } catch (SQLException e) {
      throw unplannable(e);
    }
  }

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

  /** {@code (NULL, NULL, …)} for {@code n} parameters, nothing for none. */
  static String arguments(int n) {
    return n == 0 ? "" : "(" + String.join(", ", Collections.nCopies(n, "NULL")) + ")";
  }

  /** {@code e}, or an {@link UnplannableStatementException} when it says a parameter's type is unknown. */
  static SQLException unplannable(SQLException e) {
    Matcher m = UNKNOWN_TYPE.matcher(String.valueOf(e.getMessage()));
    if (!m.find()) {
      return e;
    }
    return new UnplannableStatementException("PostgreSQL cannot infer the type of parameter $" + m.group(1)
        + " from the statement's text, so it cannot plan it without values (PostgreSQL 16+ can)", e);
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

package io.querydoctor.postgres.plan;

import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.List;

/**
 * Explains one statement on a live database, safely: every statement goes through {@link SafeExecutor}
 * (timeouts, transaction always rolled back).
 *
 * <ul>
 *   <li>Only one statement: {@code ;}-chained input is refused before anything is sent.
 *   <li>Read-only statements are run by {@code EXPLAIN ANALYZE} in a read-only transaction, so even a
 *       misclassified write fails instead of writing.
 *   <li>Writing statements get plain {@code EXPLAIN} (nothing runs) unless the caller allows analyzing writes;
 *       then they run in a read-write transaction that is always rolled back — except those that call
 *       {@code nextval}/{@code setval}, which are only planned: a rollback does not undo a sequence.
 *   <li>Statements with {@code $1} parameters get {@code EXPLAIN (GENERIC_PLAN)} on PostgreSQL 16+; older
 *       servers cannot plan them without values, which is refused with a clear message.
 * </ul>
 *
 * <p>Not thread-safe (it uses the executor's connection).
 */
public final class PgExplainer {

  /** First major version with {@code EXPLAIN (GENERIC_PLAN)}. */
  static final int GENERIC_PLAN_SINCE = 16;

  private final SafeExecutor executor;
  private final PgPlanReader reader = new PgPlanReader();

  public PgExplainer(SafeExecutor executor) {
    this.executor = executor;
  }

  /**
   * Explains {@code sql}.
   *
   * @param sql one statement; {@code $n} parameters allowed
   * @param analyze run the statement (EXPLAIN ANALYZE) when that is safe
   * @param analyzeWrites also run writing statements, inside a transaction that is rolled back
   * @throws IllegalArgumentException for input that cannot be explained safely (one-line reason)
   * @throws SQLException when the server refuses the statement
   */
  public ExplainResult explain(String sql, boolean analyze, boolean analyzeWrites) throws SQLException {
    StatementText statement = StatementText.of(sql);
    if (statement.hasPositionalParameters()) {
      return generic(statement);
    }
    boolean readOnly = statement.isReadOnly();
    if (!analyze) {
      return run(statement, ExplainMode.ESTIMATE, "");
    }
    if (readOnly) {
      return run(statement, ExplainMode.ANALYZE_READ_ONLY, "");
    }
    if (analyzeWrites && statement.callsSequenceFunction()) {
      return run(statement, ExplainMode.ESTIMATE, "not run: the statement calls nextval/setval, and a sequence "
          + "advances even in a transaction that is rolled back");
    }
    if (analyzeWrites) {
      SequenceWatch sequences = SequenceWatch.start(executor);
      ExplainResult result = run(statement, ExplainMode.ANALYZE_ROLLED_BACK, "");
      return new ExplainResult(result.plan(), result.json(), result.mode(), sequences.note(executor));
    }
    return run(statement, ExplainMode.ESTIMATE,
        "not run: the statement writes (" + statement.firstWord() + "); allow it with --analyze-writes, "
            + "it then runs in a transaction that is rolled back");
  }

  private ExplainResult generic(StatementText statement) throws SQLException {
    int major = executor.serverMajorVersion();
    if (major < GENERIC_PLAN_SINCE) {
      throw new IllegalArgumentException("the statement has $n parameters and PostgreSQL " + major
          + " cannot plan it without values (EXPLAIN (GENERIC_PLAN) needs 16+): put literal values in");
    }
    return run(statement, ExplainMode.GENERIC, "generic plan for a parameterised statement: estimates only");
  }

  private ExplainResult run(StatementText statement, ExplainMode mode, String note) throws SQLException {
    String explain = mode.prefix() + " " + statement.sql();
    List<String> rows = switch (mode) {
      case GENERIC -> executor.explainGeneric(statement.sql(), "FORMAT JSON");
      case ANALYZE_ROLLED_BACK -> executor.queryUnpreparedRolledBack(explain, rs -> rs.getString(1));
      default -> executor.queryUnprepared(explain, rs -> rs.getString(1));
    };
    String json = String.join("\n", rows);
    return new ExplainResult(reader.read(json), json, mode, note);
  }
}

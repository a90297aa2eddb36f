package io.querydoctor.postgres.plan;

import io.querydoctor.core.plan.Plan;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code diagnose --analyze} for one workload statement: {@code EXPLAIN (ANALYZE, BUFFERS)} with sample values,
 * only when that is safe, inside the time budget.
 *
 * <p>Design note: the statement must read only ({@link StatementText#isReadOnly()}: no write, no
 * {@code FOR UPDATE}/{@code SHARE}, no {@code nextval}) and call no volatile function (any function of that
 * name marked volatile in {@code pg_proc}, overloads included: {@code random()}, {@code pg_sleep()}, a
 * user function that writes). It is prepared with {@code plan_cache_mode = force_custom_plan} (the plan the
 * values give, as the application's first executions get) and run as {@code EXECUTE} with the values, in a
 * read-only transaction that is rolled back, with {@code statement_timeout} set to what the budget allows. The
 * read-only transaction stays the real guarantee: a write the checks missed (a trigger, a volatile function in a
 * view) fails instead of writing.
 */
final class SampledRun {

  private static final String VOLATILE = """
      SELECT string_agg(DISTINCT proname, ', ' ORDER BY proname) FROM pg_proc
      WHERE proname = ANY (?) AND provolatile = 'v'
      """;

  /** The analyzed plan, or why the statement was not run (then {@code plan} is null). */
  record Outcome(Plan plan, String notRun) {}

  private final SafeExecutor executor;
  private final AnalyzeBudget budget;
  private final PgPlanReader reader = new PgPlanReader();

  SampledRun(SafeExecutor executor, AnalyzeBudget budget) {
    this.executor = executor;
    this.budget = budget;
  }

  Outcome run(String sql, Plan generic) throws SQLException {
    StatementText statement = StatementText.of(sql);
    if (!statement.isReadOnly()) {
      return new Outcome(null, "it does not only read (a write, a row lock or nextval)");
    }
    String volatileCalls = volatileCalls(statement.calledNames());
    if (volatileCalls != null) {
      return new Outcome(null, "it calls the volatile function " + volatileCalls);
    }
    SampleValues.Sample sample = new SampleValues(executor).of(statement, generic);
    if (!sample.found()) {
      return new Outcome(null, sample.missing());
    }
    if (sample.values().stream().anyMatch(v -> v.indexOf('\\') >= 0)) {
      return new Outcome(null, "a sample value holds a backslash, which is not passed on");
    }
    Duration timeout = budget.nextTimeout();
    if (timeout == null) {
      return new Outcome(null, "the --analyze budget of " + budget.total().toSeconds() + " s is spent");
    }
    String json = GenericPlanner.explainPrepared(executor, List.of("SET LOCAL plan_cache_mode = force_custom_plan",
        "SET LOCAL statement_timeout = " + timeout.toMillis()), statement, "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)",
        arguments(sample.values()));
    return new Outcome(reader.read(json), null);
  }

  /** {@code ('v1', 'v2')} as untyped literals, quotes doubled; nothing for no values. */
  static String arguments(List<String> values) {
    if (values.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < values.size(); i++) {
      out.append(i == 0 ? "" : ", ").append('\'').append(values.get(i).replace("'", "''")).append('\'');
    }
    return out.append(')').toString();
  }

  private String volatileCalls(Set<String> names) throws SQLException {
    if (names.isEmpty()) {
      return null;
    }
    return executor.queryOne(VOLATILE, rs -> rs.getString(1), (Object) names.toArray(new String[0]));
  }
}

package io.querydoctor.postgres.plan;

/** How a statement was explained, so that a report can say what its numbers are. */
public enum ExplainMode {
  /** {@code EXPLAIN (FORMAT JSON)}: the planner's estimates only; nothing ran. */
  ESTIMATE("EXPLAIN (FORMAT JSON)"),
  /** {@code EXPLAIN (GENERIC_PLAN)} for a statement with {@code $n} parameters (PostgreSQL 16+); nothing ran. */
  GENERIC("EXPLAIN (GENERIC_PLAN, FORMAT JSON)"),
  /**
   * The same generic plan on PostgreSQL 13–15: the statement prepared, explained as {@code EXECUTE} with
   * {@code plan_cache_mode = force_generic_plan} ({@link GenericPlanner}); nothing ran.
   */
  GENERIC_PREPARED("EXPLAIN (FORMAT JSON) EXECUTE, plan_cache_mode = force_generic_plan"),
  /** {@code EXPLAIN (ANALYZE, BUFFERS)} of a read-only statement, in a read-only transaction. */
  ANALYZE_READ_ONLY("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)"),
  /** {@code EXPLAIN (ANALYZE, BUFFERS)} of a writing statement the user allowed, in a transaction rolled back. */
  ANALYZE_ROLLED_BACK("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)");

  private final String prefix;

  ExplainMode(String prefix) {
    this.prefix = prefix;
  }

  /** The EXPLAIN command put in front of the statement. */
  public String prefix() {
    return prefix;
  }

  public boolean analyzes() {
    return this == ANALYZE_READ_ONLY || this == ANALYZE_ROLLED_BACK;
  }
}

package io.querydoctor.postgres.plan;

/** How a statement was explained, so that a report can say what its numbers are. */
public enum ExplainMode {
  /** {@code EXPLAIN (FORMAT JSON)}: the planner's estimates only; nothing ran. */
  ESTIMATE("EXPLAIN (FORMAT JSON)"),
  /**
   * The generic plan of a statement with {@code $n} parameters, on every version: the statement prepared and
   * explained as {@code EXECUTE} with {@code plan_cache_mode = force_generic_plan}; nothing ran.
   */
  GENERIC("EXPLAIN (FORMAT JSON) EXECUTE, plan_cache_mode = force_generic_plan"),
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

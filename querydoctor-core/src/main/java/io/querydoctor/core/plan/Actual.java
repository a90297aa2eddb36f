package io.querydoctor.core.plan;

/**
 * What a node measured when the statement really ran (EXPLAIN ANALYZE). As the engines report them, times and
 * rows are averages per loop: multiply by {@code loops} for the node's total.
 *
 * @param startupMillis time to the first row, per loop
 * @param totalMillis time to the last row, per loop, including children
 * @param rows rows returned per loop (PostgreSQL rounds this to an integer before 18)
 * @param loops how many times the node ran; 0 when it never ran ("never executed")
 */
public record Actual(double startupMillis, double totalMillis, double rows, long loops) {

  /** Rows returned over every loop. */
  public double totalRows() {
    return rows * loops;
  }

  /** True when the node never ran (e.g. the other side of a join was empty). */
  public boolean neverExecuted() {
    return loops == 0;
  }
}

package io.querydoctor.core.sql;

/**
 * Facts about a statement the workload detectors need, read by the fingerprinter in the same pass.
 *
 * @param kind what the statement does
 * @param limited true when it has {@code LIMIT} or {@code FETCH FIRST}
 * @param offsetLiteral the literal value after {@code OFFSET}, or -1 when there is none or it is a bind marker
 * @param offsetParameter the 1-based index of the bind marker after {@code OFFSET}, or 0 when there is none
 * @param locksRows true for {@code FOR UPDATE}/{@code FOR SHARE}/{@code LOCK IN SHARE MODE} and for writes
 * @param parameterCount how many bind markers ({@code ?} or {@code $n}) the statement has
 */
public record StatementShape(
    StatementKind kind, boolean limited, long offsetLiteral, int offsetParameter, boolean locksRows,
    int parameterCount) {

  /**
   * The OFFSET of an execution of this statement: the literal, or else {@code boundValue} (the value bound to
   * the OFFSET marker, -1 when not an integral number) if there is a marker; -1 when there is no OFFSET.
   */
  public long offset(long boundValue) {
    return offsetLiteral >= 0 ? offsetLiteral : offsetParameter > 0 ? boundValue : -1;
  }
}

package io.querydoctor.core.detect;

/**
 * Thresholds of the capture-side rules; defaults are the ones in RULES.md.
 *
 * @param nPlusOneMinExecutions {@code n-plus-one}: executions of one read shape with differing parameters in
 *     one scope (5: fewer is usually a legitimately small loop)
 * @param repeatedQueryMinExecutions {@code repeated-identical-query}: executions of the same statement with the
 *     same parameters in one scope (2: the second one is already redundant)
 * @param maxStatementsPerScope {@code too-many-queries}: the per-scope budget (10)
 * @param slowQueryMillis {@code slow-query}: elapsed time (100 ms, a commonly used log_min_duration_statement)
 * @param unbatchedWritesMinExecutions {@code unbatched-writes}: single executions of one write shape (10)
 * @param unboundedResultRows {@code unbounded-result}: rows returned without LIMIT (10 000)
 * @param maxOffset {@code offset-pagination}: OFFSET value (1 000: the rows skipped are still read)
 * @param longTransactionMillis {@code long-transaction}: open time (1 s)
 * @param longTransactionIdleRatio {@code long-transaction}: share of open time without database work (0.5)
 * @param connectionOpensPerScope {@code connection-churn}: physical opens per scope run (0.1: more than one
 *     open per ten units of work means there is no pool)
 */
public record DetectorThresholds(
    int nPlusOneMinExecutions,
    int repeatedQueryMinExecutions,
    int maxStatementsPerScope,
    long slowQueryMillis,
    int unbatchedWritesMinExecutions,
    long unboundedResultRows,
    long maxOffset,
    long longTransactionMillis,
    double longTransactionIdleRatio,
    double connectionOpensPerScope) {

  public static DetectorThresholds defaults() {
    return new DetectorThresholds(5, 2, 10, 100, 10, 10_000, 1_000, 1_000, 0.5, 0.1);
  }

  public DetectorThresholds withNPlusOneMinExecutions(int value) {
    return new DetectorThresholds(value, repeatedQueryMinExecutions, maxStatementsPerScope, slowQueryMillis,
        unbatchedWritesMinExecutions, unboundedResultRows, maxOffset, longTransactionMillis,
        longTransactionIdleRatio, connectionOpensPerScope);
  }

  public DetectorThresholds withMaxStatementsPerScope(int value) {
    return new DetectorThresholds(nPlusOneMinExecutions, repeatedQueryMinExecutions, value, slowQueryMillis,
        unbatchedWritesMinExecutions, unboundedResultRows, maxOffset, longTransactionMillis,
        longTransactionIdleRatio, connectionOpensPerScope);
  }

  public DetectorThresholds withSlowQueryMillis(long value) {
    return new DetectorThresholds(nPlusOneMinExecutions, repeatedQueryMinExecutions, maxStatementsPerScope,
        value, unbatchedWritesMinExecutions, unboundedResultRows, maxOffset, longTransactionMillis,
        longTransactionIdleRatio, connectionOpensPerScope);
  }

  public DetectorThresholds withUnboundedResultRows(long value) {
    return new DetectorThresholds(nPlusOneMinExecutions, repeatedQueryMinExecutions, maxStatementsPerScope,
        slowQueryMillis, unbatchedWritesMinExecutions, value, maxOffset, longTransactionMillis,
        longTransactionIdleRatio, connectionOpensPerScope);
  }

  public DetectorThresholds withLongTransactionMillis(long value) {
    return new DetectorThresholds(nPlusOneMinExecutions, repeatedQueryMinExecutions, maxStatementsPerScope,
        slowQueryMillis, unbatchedWritesMinExecutions, unboundedResultRows, maxOffset, value,
        longTransactionIdleRatio, connectionOpensPerScope);
  }
}

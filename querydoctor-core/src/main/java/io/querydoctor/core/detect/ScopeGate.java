package io.querydoctor.core.detect;

import java.util.Objects;

/**
 * When a detector can fire at all: one measure of the closed scope at or above a minimum. The engine checks
 * the gate, two array reads and a comparison, before it calls the detector, so the detectors that cannot fire
 * on a scope (most of them, on most scopes) cost no call. A gate is a necessary condition only; the detector
 * still decides.
 *
 * @param measure what is compared
 * @param min the smallest value at which the detector may fire
 */
public record ScopeGate(Measure measure, long min) {

  /**
   * The scope measures a gate can use; all known once the scope's statements have been scanned once. Their order
   * is that of {@code ScopeView.measures()}.
   */
  public enum Measure {
    /** Statements run while the scope was the innermost one. */
    OWN_STATEMENTS,
    /** All statements, including those of nested scopes and those beyond the per-scope limit. */
    STATEMENTS,
    /** The longest own statement's execution time. */
    MAX_ELAPSED_NANOS,
    /** The most rows an own statement returned or affected. */
    MAX_ROWS,
    /** The largest OFFSET among the own statements. */
    MAX_OFFSET,
    /** Transactions that ended in the scope. */
    TRANSACTIONS,
    /** Physical connections opened in the scope. */
    CONNECTIONS_OPENED,
    /** Statements beyond the per-scope capture bounds: counted, not kept. */
    DROPPED_STATEMENTS
  }

  /** The gate of a detector that wants every scope. */
  public static final ScopeGate ALWAYS = new ScopeGate(Measure.STATEMENTS, Long.MIN_VALUE);

  public ScopeGate {
    Objects.requireNonNull(measure, "measure");
  }

  public static ScopeGate atLeast(Measure measure, long min) {
    return new ScopeGate(measure, min);
  }

  /** A gate that passes scopes whose {@code measure} exceeds {@code threshold}. */
  public static ScopeGate above(Measure measure, long threshold) {
    return new ScopeGate(measure, threshold == Long.MAX_VALUE ? Long.MAX_VALUE : threshold + 1);
  }
}

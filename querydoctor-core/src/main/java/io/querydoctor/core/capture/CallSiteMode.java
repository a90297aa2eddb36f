package io.querydoctor.core.capture;

/** When to walk the stack for a statement's call site; a stack walk costs microseconds, a statement nanoseconds. */
public enum CallSiteMode {
  /** Never. */
  OFF,
  /**
   * The default: on the second execution of a fingerprint within a scope (where an N+1 or a repeated query
   * begins) and for every statement slower than the slow-query threshold. Once per fingerprint per scope.
   */
  ON_REPEAT,
  /** Every statement; for tests and debugging. */
  ALWAYS
}

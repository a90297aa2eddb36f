package io.querydoctor.core.capture;

/** How a scope came to be. */
public enum ScopeKind {
  /** Opened by the application: {@code QueryDoctor.scope("GET /users")}. */
  EXPLICIT,
  /** A transaction that began while no scope was open on its thread. */
  TRANSACTION,
  /** A statement that ran outside any scope, seen alone (only per-statement rules look at it). */
  STATEMENT
}

package io.querydoctor.core.advisor;

import java.util.List;
import java.util.Set;

/**
 * Asks the database's planner what statements would cost if some indexes existed: the advisor's only oracle.
 * Engines implement it: hypothetical indexes (HypoPG), or indexes built for real in a transaction that is
 * rolled back, on a database the user declared a sandbox.
 *
 * <p>Contract: called by {@link IndexSelection} on one thread; implementations need not be thread-safe.
 * Nothing is left in the database: what a call builds is gone when it returns, also on failure; session-only
 * state (HypoPG's hypothetical indexes, which nothing else sees) may be kept between calls so that consecutive
 * configurations cost one new index each, and is dropped by {@link #release()}. Costs
 * are the planner's total cost of the statement's plan (arbitrary units, comparable only within one
 * database); sizes are bytes. Implementations may cache; callers already cache per configuration.
 */
public interface WhatIf {

  /**
   * Plans each of {@code statements} as if {@code indexes} existed in addition to the database's real indexes.
   *
   * @return one result per statement, in order
   * @throws WhatIfException if a statement cannot be planned or an index cannot be created; nothing is left
   *     behind
   */
  List<PlannedCost> plan(List<String> statements, Set<IndexCandidate> indexes) throws WhatIfException;

  /** The size {@code index} would have, in bytes (built or estimated). */
  long sizeBytes(IndexCandidate index) throws WhatIfException;

  /** Drops whatever was kept between calls; the selection calls it when it is done, also on failure. */
  default void release() {}

  /**
   * Whether every call builds its indexes for real (a sandbox: a second or more a call where HypoPG takes
   * milliseconds). The selection then leaves out its refinements that mostly re-plan what the greedy runs already
   * planned (the plain-key run and the swap search), so that advice on a sandbox stays a matter of seconds.
   */
  default boolean buildsIndexes() {
    return false;
  }

  /** How costs are obtained, for the report: "HypoPG hypothetical indexes", "built in a sandbox, rolled back". */
  String method();
}

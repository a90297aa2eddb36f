package io.querydoctor.core.advisor;

import java.util.List;
import java.util.Set;

/**
 * Asks the database's planner what statements would cost if some indexes existed: the advisor's only oracle.
 * Engines implement it: hypothetical indexes (HypoPG), or indexes built for real in a transaction that is
 * rolled back, on a database the user declared a sandbox.
 *
 * <p>Contract: called by {@link IndexSelection} on one thread; implementations need not be thread-safe. A
 * call leaves no trace on the database: whatever it creates is gone when it returns, also on failure. Costs
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

  /** How costs are obtained, for the report: "HypoPG hypothetical indexes", "built in a sandbox, rolled back". */
  String method();
}

package io.querydoctor.core.advisor;

import java.util.Set;

/**
 * The planner's estimate for one statement under a hypothetical configuration.
 *
 * @param cost the plan's total cost, in the planner's units
 * @param used which of the hypothetical indexes the plan uses
 */
public record PlannedCost(double cost, Set<IndexCandidate> used) {

  public PlannedCost {
    used = Set.copyOf(used);
  }
}

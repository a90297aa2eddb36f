package io.querydoctor.core.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Takes out of a chosen set what no longer earns its place once the whole set exists. A greedy pick is judged
 * next to the picks before it only: a later one can take over its work, and an index that no plan uses, or whose
 * removal costs the workload less than the search's least gain, is one more index to build and maintain.
 */
final class SetPruning {

  private final CandidatePricing pricing;

  SetPruning(CandidatePricing pricing) {
    this.pricing = pricing;
  }

  /** Both prunings, unused first; {@code chosen} is changed in place. */
  void prune(List<IndexCandidate> chosen) throws WhatIfException {
    pruneUnused(chosen);
    pruneNegligible(chosen);
  }

  /**
   * Drops picks that no plan uses once the later picks exist (an early single-column index a composite has
   * since outdone), one at a time, asking the planner again after each drop.
   */
  void pruneUnused(List<IndexCandidate> chosen) throws WhatIfException {
    boolean dropped = true;
    while (dropped) {
      dropped = false;
      Set<IndexCandidate> all = Set.copyOf(chosen);
      for (IndexCandidate index : List.copyOf(chosen)) {
        boolean used = false;
        for (PlannedCost planned : pricing.costs().costs(pricing.affected(index), all).values()) {
          used |= planned.used().contains(index);
        }
        if (!used) {
          chosen.remove(index);
          dropped = true;
          break;
        }
      }
    }
  }

  /**
   * Drops, one at a time, the pick whose removal now costs the workload least, while that is under the search's
   * least gain ({@link AdvisorSettings#minPickGain()} of the workload's cost).
   */
  void pruneNegligible(List<IndexCandidate> chosen) throws WhatIfException {
    while (chosen.size() > 1) {
      double total = pricing.workloadCost(chosen);
      IndexCandidate least = null;
      double leastLoss = Double.MAX_VALUE;
      for (IndexCandidate index : chosen) {
        double loss = loss(chosen, index, total);
        if (loss < leastLoss) {
          leastLoss = loss;
          least = index;
        }
      }
      if (leastLoss >= pricing.settings().minPickGain() * total) {
        return;
      }
      chosen.remove(least);
    }
  }

  /** What the workload would pay more without {@code index}, given it costs {@code total} with all of chosen. */
  double loss(List<IndexCandidate> chosen, IndexCandidate index, double total) throws WhatIfException {
    List<IndexCandidate> without = new ArrayList<>(chosen);
    without.remove(index);
    return pricing.workloadCost(without) - total;
  }
}

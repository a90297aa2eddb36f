package io.querydoctor.core.advisor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Improves a greedy result by exchanging one chosen index for one candidate left out, then filling what the
 * exchange freed.
 *
 * <p>Design note. A greedy run never revisits a pick, so under a budget an early pick can hold bytes a later,
 * better combination needs (the classic weakness of greedy selection; a local search that swaps members after a
 * greedy start is the usual remedy). Each round prices what every chosen index is worth in the set (its loss when removed), then tries, from the least worth
 * one, the candidates that fit its bytes and the free budget and whose solo worth exceeds that loss — a candidate
 * saves no more in a set than alone, so none other can win the exchange — best solo worth first, and takes the
 * first exchange that lowers the workload's cost (a candidate grown after the greedy's first round is priced alone
 * once, when it first fits). The freed bytes go to a greedy continuation, then the set is
 * pruned again. Every cost goes through the shared {@link CandidatePricing}, so exchanges re-plan only the
 * statements the two indexes touch. The cost strictly falls at every round, and rounds are capped.
 */
final class SwapSearch {

  /** Continues a greedy run from a given set (the refill after an exchange). */
  interface Refill {
    /** {@code start} with greedy picks added, none of {@code excluded}. */
    List<IndexCandidate> from(List<IndexCandidate> start, Set<IndexCandidate> excluded) throws WhatIfException;
  }

  /** The most exchanges tried in one round: the candidates with the best solo worth come first. */
  static final int MAX_TRIES_PER_ROUND = 40;

  /** Exchanges saving less than this share of the workload's cost are planner noise. */
  static final double MIN_IMPROVEMENT = 1e-4;

  private final CandidatePricing pricing;
  private final SetPruning pruning;
  private final Refill refill;

  SwapSearch(CandidatePricing pricing, SetPruning pruning, Refill refill) {
    this.pricing = pricing;
    this.pruning = pruning;
    this.refill = refill;
  }

  /** The best set found from {@code start} by exchanges within {@code budget}; {@code start} is not changed. */
  List<IndexCandidate> improve(List<IndexCandidate> start, Set<IndexCandidate> pool, long budget)
      throws WhatIfException {
    List<IndexCandidate> chosen = new ArrayList<>(start);
    for (int round = 0; round < 2 * start.size() + 4; round++) {
      List<IndexCandidate> better = exchange(chosen, pool, budget);
      if (better == null) {
        return chosen;
      }
      Set<IndexCandidate> out = new LinkedHashSet<>(chosen);
      out.removeAll(better);
      better = refill.from(better, out);
      pruning.prune(better);
      if (pricing.workloadCost(better) >= pricing.workloadCost(chosen)) {
        return chosen;
      }
      chosen = better;
    }
    return chosen;
  }

  /** The first exchange of one chosen index for one candidate that lowers the workload's cost, or null. */
  private List<IndexCandidate> exchange(List<IndexCandidate> chosen, Set<IndexCandidate> pool, long budget)
      throws WhatIfException {
    double total = pricing.workloadCost(chosen);
    Map<IndexCandidate, Double> losses = new LinkedHashMap<>();
    for (IndexCandidate index : chosen) {
      losses.put(index, pruning.loss(chosen, index, total));
    }
    List<IndexCandidate> byLoss = new ArrayList<>(chosen);
    byLoss.sort(Comparator.comparingDouble(losses::get));
    int tries = 0;
    for (IndexCandidate out : byLoss) {
      List<IndexCandidate> rest = new ArrayList<>(chosen);
      rest.remove(out);
      long free = budget - pricing.sizeOf(rest);
      for (IndexCandidate in : entrants(pool, chosen, rest, free, losses.get(out))) {
        if (++tries > MAX_TRIES_PER_ROUND) {
          return null;
        }
        List<IndexCandidate> swapped = new ArrayList<>(rest);
        swapped.removeAll(CandidatePricing.replaced(in, rest));
        swapped.add(in);
        if (pricing.workloadCost(swapped) < total * (1 - MIN_IMPROVEMENT)) {
          return swapped;
        }
      }
    }
    return null;
  }

  /** The candidates that could replace an index worth {@code loss}: they fit and save more alone; best first. */
  private List<IndexCandidate> entrants(Set<IndexCandidate> pool, List<IndexCandidate> chosen,
      List<IndexCandidate> rest, long free, double loss) {
    List<IndexCandidate> entrants = new ArrayList<>();
    for (IndexCandidate candidate : List.copyOf(pool)) {
      try {
        if (chosen.contains(candidate) || pricing.netSize(candidate, rest) > free) {
          continue;
        }
      } catch (WhatIfException e) {
        continue; // it could not be sized: it cannot be proposed either
      }
      if (pricing.soloWorth(candidate) == null) {
        pricing.evaluate(candidate, List.of()); // grown after the first round: never priced alone yet
      }
      Double solo = pricing.soloWorth(candidate);
      if (solo != null && solo > loss) {
        entrants.add(candidate);
      }
    }
    entrants.sort(Comparator.comparingDouble((IndexCandidate c) -> pricing.soloWorth(c)).reversed());
    return entrants;
  }
}

package io.querydoctor.core.advisor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * greedy start is the usual remedy). Each round prices what every chosen index is worth in the set (its loss when
 * removed) and pairs it with the candidates that fit its bytes and the free budget and whose solo worth exceeds
 * that loss: a candidate saves no more in a set than alone, so no other can win the exchange, and solo worth −
 * loss bounds what the exchange saves. The exchanges with the highest bound are tried first, and the first that
 * lowers the workload's cost is taken (a candidate grown after the greedy's first round is priced alone once, when
 * it first fits). The freed bytes go to a greedy continuation, then the set is pruned again. Every cost goes
 * through the shared {@link CandidatePricing}, so an exchange re-plans only the statements its two indexes touch.
 * The cost strictly falls at every round, and rounds and tries are capped.
 */
final class SwapSearch {

  /** Continues a greedy run from a given set (the refill after an exchange). */
  interface Refill {
    /** {@code start} with greedy picks added, none of {@code excluded}. */
    List<IndexCandidate> from(List<IndexCandidate> start, Set<IndexCandidate> excluded) throws WhatIfException;
  }

  /** The most exchanges tried in one round, those that could save most first. */
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

  /** One member out, one candidate in; {@code bound} is the most it can save: in's solo worth − out's loss. */
  private record Exchange(IndexCandidate out, IndexCandidate in, double bound) {}

  /**
   * The first exchange of one chosen index for one candidate that lowers the workload's cost, trying those with
   * the highest bound first; or null.
   */
  private List<IndexCandidate> exchange(List<IndexCandidate> chosen, Set<IndexCandidate> pool, long budget)
      throws WhatIfException {
    double total = pricing.workloadCost(chosen);
    List<Exchange> exchanges = new ArrayList<>();
    for (IndexCandidate out : chosen) {
      double loss = pruning.loss(chosen, out, total);
      List<IndexCandidate> rest = new ArrayList<>(chosen);
      rest.remove(out);
      long free = budget - pricing.sizeOf(rest);
      for (IndexCandidate in : entrants(pool, chosen, rest, free, loss + MIN_IMPROVEMENT * total)) {
        exchanges.add(new Exchange(out, in, pricing.soloWorth(in) - loss));
      }
    }
    exchanges = tightened(exchanges, chosen, total);
    exchanges.sort(Comparator.comparingDouble(Exchange::bound).reversed());
    for (Exchange exchange : exchanges.subList(0, Math.min(MAX_TRIES_PER_ROUND, exchanges.size()))) {
      List<IndexCandidate> swapped = new ArrayList<>(chosen);
      swapped.remove(exchange.out());
      swapped.removeAll(CandidatePricing.replaced(exchange.in(), swapped));
      swapped.add(exchange.in());
      if (pricing.workloadCost(swapped) < total * (1 - MIN_IMPROVEMENT)) {
        return swapped;
      }
    }
    return null;
  }

  /**
   * The exchanges whose bound, tightened by what the entrant saves next to the whole chosen set, still clears the
   * least improvement. That saving bounds the exchange too, whatever leaves: with fewer indexes every statement
   * costs at least as much, so the entrant can save at most its saving next to the set plus the leaver's loss.
   * It drops the entrants that duplicate a member (a variant of a chosen index saves much alone, little next to
   * it) before any of their exchanges is planned.
   */
  private List<Exchange> tightened(List<Exchange> exchanges, List<IndexCandidate> chosen, double total) {
    Map<IndexCandidate, Double> nextToSet = new HashMap<>();
    List<Exchange> kept = new ArrayList<>();
    for (Exchange exchange : exchanges) {
      double saving = nextToSet.computeIfAbsent(exchange.in(), in -> {
        CandidateEvaluation e = pricing.evaluate(in, chosen);
        return e.failure() != null ? 0 : e.benefit() - e.maintenance();
      });
      double bound = Math.min(exchange.bound(), saving);
      if (bound > MIN_IMPROVEMENT * total) {
        kept.add(new Exchange(exchange.out(), exchange.in(), bound));
      }
    }
    return kept;
  }

  /** The candidates that could replace an index worth {@code loss}: they fit and save more alone. */
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
    return entrants;
  }
}

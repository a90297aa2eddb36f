package io.querydoctor.core.advisor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One greedy run: picks, one at a time, the eligible candidate that scores best next to what is already chosen,
 * until nothing eligible is left.
 *
 * <p>Design note. The score is benefit per byte (DB2Advis, Extend) or benefit alone (AutoAdmin), and a run may
 * take only picks that save at least {@code floor} of the cost of the queries using them; no one rule dominates
 * under a budget, so {@link IndexSelection} runs several over the shared {@link CandidatePricing}. After every
 * pick the chosen indexes' one-column extensions join the pool ({@link IndexGrowth}). The search for the best pick
 * is Minoux's lazy greedy (as in CELF): a candidate's score from an earlier round bounds its score now (an index
 * saves less the more is already chosen), so only candidates whose old score beats the best fresh one are planned
 * again; a candidate a chosen index now prefixes has no valid bound (it would replace that index and pay only the
 * extra bytes), so its old evaluation is dropped when the prefix is picked. A candidate whose bytes do not fit
 * what is left of the budget is not planned at all.
 */
final class GreedyRun {

  /**
   * How a run ranks and filters picks: by benefit per byte or by benefit; only picks saving at least {@code floor}
   * of their queries' cost; with {@code plainKeysOnly}, only B-trees on plain columns without {@code INCLUDE} or
   * {@code WHERE} (Extend's search space).
   */
  record Strategy(boolean perByte, double floor, boolean plainKeysOnly) {

    boolean admits(IndexCandidate candidate) {
      return !plainKeysOnly || candidate.method() == IndexMethod.BTREE && candidate.include().isEmpty()
          && candidate.predicate() == null
          && candidate.keys().stream().allMatch(k -> k.expression().matches("[a-z_][a-z0-9_$]*"));
    }
  }

  private final CandidatePricing pricing;
  private final IndexGrowth growth;
  private final Set<IndexCandidate> pool;
  private final long budget;
  private final Strategy strategy;
  private final Set<IndexCandidate> excluded;
  private final Map<IndexCandidate, CandidateEvaluation> latest = new LinkedHashMap<>();

  /**
   * {@code pool} is shared with the caller: the extensions of picks are added to it; {@code excluded} may not be
   * picked in this run.
   */
  GreedyRun(CandidatePricing pricing, IndexGrowth growth, Set<IndexCandidate> pool, long budget, Strategy strategy,
      Set<IndexCandidate> excluded) {
    this.pricing = pricing;
    this.growth = growth;
    this.pool = pool;
    this.budget = budget;
    this.strategy = strategy;
    this.excluded = excluded;
  }

  /** Each candidate's evaluation from the last round it was planned in. */
  Map<IndexCandidate, CandidateEvaluation> latest() {
    return latest;
  }

  /** Adds picks to {@code start} (a copy) until none is eligible; returns the chosen list. */
  List<IndexCandidate> from(List<IndexCandidate> start) throws WhatIfException {
    List<IndexCandidate> chosen = new ArrayList<>(start);
    Set<IndexCandidate> fresh = new LinkedHashSet<>();
    for (IndexCandidate index : chosen) {
      IndexSelection.addNew(pool, growth.extensions(index), pricing);
    }
    while (true) {
      CandidateEvaluation best = bestPick(chosen, fresh);
      if (best == null) {
        return chosen;
      }
      chosen.removeAll(best.replaces());
      chosen.add(best.candidate());
      fresh.removeAll(interactingWith(best));
      for (IndexCandidate candidate : pool) {
        if (best.candidate().isPrefixOf(candidate)) {
          latest.remove(candidate);
        }
      }
      for (IndexCandidate index : chosen) {
        IndexSelection.addNew(pool, growth.extensions(index), pricing);
      }
    }
  }

  private boolean allowed(IndexCandidate candidate) {
    return !excluded.contains(candidate) && strategy.admits(candidate);
  }

  private boolean eligible(CandidateEvaluation e, long remaining, double workloadCost) {
    return pricing.reason(e, remaining, workloadCost) == null && e.reduction() >= strategy.floor();
  }

  /** The best eligible pick next to {@code chosen}, or null; {@code fresh} holds those planned next to it. */
  private CandidateEvaluation bestPick(List<IndexCandidate> chosen, Set<IndexCandidate> fresh)
      throws WhatIfException {
    double workloadCost = pricing.workloadCost(chosen);
    long remaining = budget - pricing.sizeOf(chosen);
    boolean perByte = strategy.perByte();
    CandidateEvaluation best = null;
    for (IndexCandidate candidate : fresh) {
      CandidateEvaluation e = latest.get(candidate);
      if (!chosen.contains(candidate) && allowed(candidate) && eligible(e, remaining, workloadCost)
          && (best == null || e.score(perByte) > best.score(perByte))) {
        best = e;
      }
    }
    while (true) {
      IndexCandidate next = null;
      double bound = Double.NEGATIVE_INFINITY;
      for (IndexCandidate candidate : pool) {
        if (chosen.contains(candidate) || fresh.contains(candidate) || !allowed(candidate)) {
          continue;
        }
        double b = bound(candidate, remaining, chosen);
        if (b > bound) {
          bound = b;
          next = candidate;
        }
      }
      if (next == null || bound <= 0 || (best != null && best.score(perByte) >= bound)) {
        return best;
      }
      CandidateEvaluation e = pricing.evaluate(next, chosen);
      latest.put(next, e);
      fresh.add(next);
      if (eligible(e, remaining, workloadCost) && (best == null || e.score(perByte) > best.score(perByte))) {
        best = e;
      }
    }
  }

  /**
   * The most {@code candidate} can score now: 0 when it cannot be picked (its bytes do not fit, or its last
   * evaluation found it useless), unknown (infinite) when never evaluated, else its last score.
   */
  private double bound(IndexCandidate candidate, long remaining, List<IndexCandidate> chosen) {
    CandidateEvaluation old = latest.get(candidate);
    try {
      if (pricing.netSize(candidate, chosen) > remaining) {
        return 0;
      }
    } catch (WhatIfException e) {
      return old == null ? Double.POSITIVE_INFINITY : 0; // evaluating it records why it cannot be sized
    }
    if (old == null) {
      return Double.POSITIVE_INFINITY;
    }
    if (old.failure() != null || old.usedBy().isEmpty() || old.benefit() <= old.maintenance()) {
      return 0;
    }
    return old.score(strategy.perByte());
  }

  /** Candidates whose queries overlap the pick's (and the indexes it replaced): only their worth can have changed. */
  private Set<IndexCandidate> interactingWith(CandidateEvaluation picked) {
    Set<WorkloadQuery> touched = new LinkedHashSet<>(pricing.affected(picked.candidate(), picked.replaces()));
    Set<IndexCandidate> stale = new LinkedHashSet<>();
    for (IndexCandidate candidate : pool) {
      if (pricing.affected(candidate).stream().anyMatch(touched::contains)) {
        stale.add(candidate);
      }
    }
    return stale;
  }
}

package io.querydoctor.core.advisor;

import io.querydoctor.core.advisor.IndexAdvice.ChosenIndex;
import io.querydoctor.core.advisor.IndexAdvice.QueryEffect;
import io.querydoctor.core.advisor.IndexAdvice.RejectedCandidate;
import io.querydoctor.core.advisor.IndexAdvice.SkippedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a chosen set into the advice: each chosen index with the queries whose plans use it in the final set,
 * and every candidate left out with why (Dexter's "every no has a reason"): superseded by a chosen index with the
 * same leading keys, not used next to the chosen indexes of its table, under the reporting bar, over what is left
 * of the budget, or the reason its last evaluation gave.
 */
final class SelectionAdvice {

  private final CandidatePricing pricing;
  private final String method;

  SelectionAdvice(CandidatePricing pricing, String method) {
    this.pricing = pricing;
    this.method = method;
  }

  IndexAdvice advice(List<IndexCandidate> candidates, List<IndexCandidate> chosen,
      Map<IndexCandidate, CandidateEvaluation> latest, Map<IndexCandidate, String> weak, List<SkippedQuery> skipped,
      long budget) throws WhatIfException {
    Set<IndexCandidate> finalSet = Set.copyOf(chosen);
    List<ChosenIndex> picked = new ArrayList<>();
    for (IndexCandidate index : chosen) {
      List<QueryEffect> effects = new ArrayList<>();
      for (WorkloadQuery query : pricing.affected(index)) {
        PlannedCost after = pricing.costs().cost(query, finalSet);
        if (after.used().contains(index)) {
          effects.add(new QueryEffect(query, pricing.costs().cost(query, Set.of()).cost(), after.cost()));
        }
      }
      picked.add(new ChosenIndex(index, pricing.size(index), effects, pricing.maintenance(index),
          pricing.existing().stream().filter(e -> e.madeRedundantBy(index)).toList()));
    }
    long remaining = budget - pricing.sizeOf(chosen);
    double workloadCost = pricing.workloadCost(chosen);
    List<RejectedCandidate> rejected = new ArrayList<>();
    for (IndexCandidate candidate : candidates) {
      if (weak.containsKey(candidate) && !chosen.contains(candidate)) {
        rejected.add(new RejectedCandidate(candidate, weak.get(candidate)));
      } else if (!chosen.contains(candidate)) {
        rejected.add(new RejectedCandidate(candidate, rejection(candidate, chosen, latest.get(candidate), remaining,
            workloadCost)));
      }
    }
    return new IndexAdvice(picked, rejected, skipped, budget, pricing.workloadCost(List.of()), workloadCost, method);
  }

  private String rejection(IndexCandidate candidate, List<IndexCandidate> chosen, CandidateEvaluation e, long remaining,
      double workloadCost) {
    for (IndexCandidate c : chosen) {
      if (candidate.isPrefixOf(c)) {
        return "superseded by " + c.definition() + ", which starts with the same keys";
      }
    }
    if (e == null) {
      return unplanned(candidate, chosen, remaining);
    }
    String reason = pricing.reason(e, remaining, workloadCost);
    if (reason == null) {
      return "planner does not use it once the chosen indexes exist";
    }
    List<String> sameTable = chosen.stream().filter(c -> c.table().equals(candidate.table()))
        .map(IndexCandidate::definition).toList();
    if (reason.equals("planner does not use it") && !sameTable.isEmpty()) {
      return "planner does not use it next to " + String.join(", ", sameTable);
    }
    return reason;
  }

  /** Why a candidate the search never planned was left out: its bytes never fitted. */
  private String unplanned(IndexCandidate candidate, List<IndexCandidate> chosen, long remaining) {
    try {
      long net = pricing.netSize(candidate, chosen);
      return net > remaining ? CandidatePricing.overBudget(net, remaining) : "not evaluated";
    } catch (WhatIfException e) {
      return "cannot be evaluated: " + e.getMessage();
    }
  }
}

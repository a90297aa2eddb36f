package io.querydoctor.core.advisor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bar a chosen index must clear to be proposed, once the search is done. The search accepts small gains (the
 * literature's algorithms combine many), but what QueryDoctor proposes as a {@code missing-index} finding must be
 * worth its upkeep and its review on its own. The mutated list is the proposal; with a bar of 0 nothing changes.
 */
final class ReportingBar {

  private final WorkloadCosts costs;
  private final AdvisorSettings settings;
  private final List<WorkloadQuery> workload;

  ReportingBar(WorkloadCosts costs, AdvisorSettings settings, List<WorkloadQuery> workload) {
    this.costs = costs;
    this.settings = settings;
    this.workload = workload;
  }

  /**
   * RULES.md's bar, applied to what is proposed once the search is done: each chosen index must save at least
   * {@link AdvisorSettings#minCostReduction()} of the cost of the queries that use it, measured against the
   * final set without it — or, for an index grown from a shorter one, with that shorter one instead (the column
   * it adds must earn its place). The weakest index under the bar is dropped (a grown one falls back to its
   * prefix) and the rest measured again, until all pass. Returns why each dropped index was.
   */
  Map<IndexCandidate, String> hold(List<IndexCandidate> chosen) throws WhatIfException {
    Map<IndexCandidate, String> weak = new LinkedHashMap<>();
    while (true) {
      IndexCandidate weakest = null;
      IndexCandidate fallback = null;
      double lowest = settings.minCostReduction();
      for (IndexCandidate index : chosen) {
        List<IndexCandidate> without = new ArrayList<>(chosen);
        without.remove(index);
        IndexCandidate prefix = prefix(index);
        double reduction = marginalReduction(index, chosen, without);
        if (prefix != null && !chosen.contains(prefix)) {
          List<IndexCandidate> shorter = new ArrayList<>(without);
          shorter.add(prefix);
          double versusPrefix = marginalReduction(index, chosen, shorter);
          if (versusPrefix < reduction) {
            reduction = versusPrefix;
          } else {
            prefix = null;
          }
        } else {
          prefix = null;
        }
        if (reduction < lowest) {
          lowest = reduction;
          weakest = index;
          fallback = prefix;
        }
      }
      if (weakest == null) {
        return weak;
      }
      weak.put(weakest, String.format(Locale.ROOT, "saves %.0f %%, needs %.0f %%", 100 * Math.max(lowest, 0),
          100 * settings.minCostReduction()));
      int at = chosen.indexOf(weakest);
      chosen.remove(weakest);
      if (fallback != null && !weak.containsKey(fallback)) {
        chosen.add(at, fallback);
      }
    }
  }

  /** The index one key shorter, for a plain multi-key B-tree; else null. */
  private static IndexCandidate prefix(IndexCandidate index) {
    if (index.keys().size() < 2 || !index.include().isEmpty() || index.predicate() != null
        || index.method() != IndexMethod.BTREE) {
      return null;
    }
    return IndexCandidate.btree(index.table(), index.keys().subList(0, index.keys().size() - 1), index.kind());
  }

  /** The share of the cost of the queries whose plans use {@code index} under {@code with} that it saves. */
  private double marginalReduction(IndexCandidate index, List<IndexCandidate> with, List<IndexCandidate> instead)
      throws WhatIfException {
    double before = 0;
    double after = 0;
    List<WorkloadQuery> touched = workload.stream().filter(q -> costs.isRelevant(index, q)).toList();
    Map<WorkloadQuery, PlannedCost> now = costs.costs(touched, with);
    Map<WorkloadQuery, PlannedCost> then = costs.costs(touched, instead);
    for (WorkloadQuery query : touched) {
      if (now.get(query).used().contains(index)) {
        before += query.callsPerHour() * then.get(query).cost();
        after += query.callsPerHour() * now.get(query).cost();
      }
    }
    return before <= 0 ? 0 : (before - after) / before;
  }

}

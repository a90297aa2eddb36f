package io.querydoctor.core.advisor;

import io.querydoctor.core.advisor.IndexAdvice.QueryEffect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a candidate is worth next to a set of chosen indexes, and what it costs: the selection's one price list,
 * shared by its greedy runs, its pruning and its swaps so that every planner cost and every size is asked for once.
 *
 * <p>Design note. Worth is the planner's: Σ over the queries the candidate (or the chosen prefix it replaces) is
 * relevant to of calls/h × (cost with the chosen set − cost with the candidate added), read through {@link
 * WorkloadCosts}' cache. Cost is bytes — net of a chosen prefix it replaces and of existing indexes it makes
 * redundant (Extend's accounting) — and upkeep: the table's written rows/h × the cost of one index write. Bytes are
 * known before any planning ({@link #netSize}), so a candidate that cannot fit is never planned (the platform's
 * Extend checks the budget first too). Its first evaluation, against no chosen index, is kept as its solo worth:
 * under the usual assumption that an index saves less the more is chosen (which the lazy greedy relies on too), it
 * bounds what the candidate can save in any set.
 */
final class CandidatePricing {

  private final WhatIf whatIf;
  private final AdvisorSettings settings;
  private final WorkloadCosts costs;
  private final List<WorkloadQuery> workload;
  private final Map<String, TableStats> tables;
  private final List<ExistingIndex> existing;
  private final Map<IndexCandidate, Long> sizes = new HashMap<>();
  private final Map<IndexCandidate, Double> solo = new HashMap<>();

  CandidatePricing(WhatIf whatIf, AdvisorSettings settings, WorkloadCosts costs, List<WorkloadQuery> workload,
      Map<String, TableStats> tables, List<ExistingIndex> existing) {
    this.whatIf = whatIf;
    this.settings = settings;
    this.costs = costs;
    this.workload = workload;
    this.tables = tables;
    this.existing = existing;
  }

  List<WorkloadQuery> workload() {
    return workload;
  }

  List<ExistingIndex> existing() {
    return existing;
  }

  AdvisorSettings settings() {
    return settings;
  }

  WorkloadCosts costs() {
    return costs;
  }

  /** {@code candidate}'s worth next to {@code chosen}; a failure to plan is kept in the evaluation, not thrown. */
  CandidateEvaluation evaluate(IndexCandidate candidate, List<IndexCandidate> chosen) {
    List<IndexCandidate> replaces = replaced(candidate, chosen);
    Set<IndexCandidate> with = new LinkedHashSet<>(chosen);
    replaces.forEach(with::remove);
    with.add(candidate);
    try {
      long size = size(candidate);
      long net = netSize(candidate, chosen);
      List<WorkloadQuery> touched = affected(candidate, replaces);
      Map<WorkloadQuery, PlannedCost> now = costs.costs(touched, chosen);
      Map<WorkloadQuery, PlannedCost> then = costs.costs(touched, with);
      double benefit = 0;
      double usedBefore = 0;
      double usedAfter = 0;
      List<QueryEffect> usedBy = new ArrayList<>();
      for (WorkloadQuery query : touched) {
        double before = now.get(query).cost();
        PlannedCost after = then.get(query);
        benefit += query.callsPerHour() * (before - after.cost());
        if (after.used().contains(candidate)) {
          usedBy.add(new QueryEffect(query, before, after.cost()));
          usedBefore += query.callsPerHour() * before;
          usedAfter += query.callsPerHour() * after.cost();
        }
      }
      double reduction = usedBefore == 0 ? 0 : (usedBefore - usedAfter) / usedBefore;
      double upkeep = replaces.isEmpty() ? maintenance(candidate) : 0;
      if (chosen.isEmpty()) {
        solo.put(candidate, usedBy.isEmpty() ? 0 : benefit - upkeep);
      }
      return new CandidateEvaluation(candidate, size, Math.max(net, 0), benefit, upkeep, reduction, usedBy, replaces,
          null);
    } catch (WhatIfException e) {
      if (chosen.isEmpty()) {
        solo.put(candidate, 0.0);
      }
      return new CandidateEvaluation(candidate, 0, 0, 0, 0, 0, List.of(), replaces,
          "cannot be evaluated: " + e.getMessage());
    }
  }

  /** What {@code candidate} saves alone (net of upkeep), if it was evaluated against no chosen index; else null. */
  Double soloWorth(IndexCandidate candidate) {
    return solo.get(candidate);
  }

  /** The chosen indexes {@code candidate} extends: their keys start its keys. */
  static List<IndexCandidate> replaced(IndexCandidate candidate, Collection<IndexCandidate> chosen) {
    return chosen.stream().filter(c -> c.isPrefixOf(candidate)).toList();
  }

  /** The bytes {@code candidate} adds to {@code chosen}, without planning anything. */
  long netSize(IndexCandidate candidate, Collection<IndexCandidate> chosen) throws WhatIfException {
    return size(candidate) - sizeOf(replaced(candidate, chosen)) - existing.stream()
        .filter(e -> e.madeRedundantBy(candidate)).mapToLong(ExistingIndex::sizeBytes).sum();
  }

  /**
   * Why {@code e} cannot be picked with {@code remainingBytes} of budget left while the workload costs
   * {@code workloadCost}; {@code null} when it can.
   */
  String reason(CandidateEvaluation e, long remainingBytes, double workloadCost) {
    if (e == null) {
      return "not evaluated";
    }
    if (e.failure() != null) {
      return e.failure();
    }
    if (e.usedBy().isEmpty()) {
      return "planner does not use it";
    }
    if (e.benefit() <= 0) {
      return "saves nothing: the plans that use it cost as much as without it";
    }
    if (e.benefit() <= e.maintenance()) {
      return String.format(Locale.ROOT, "its upkeep on writes (%.0f cost/h) outweighs what it saves (%.0f cost/h)",
          e.maintenance(), e.benefit());
    }
    double gain = workloadCost <= 0 ? 0 : (e.benefit() - e.maintenance()) / workloadCost;
    if (gain < settings.minPickGain()) {
      return String.format(Locale.ROOT, "saves %.2f %% of the workload's cost, needs %.1f %%", 100 * gain,
          100 * settings.minPickGain());
    }
    if (e.netSizeBytes() > remainingBytes) {
      return overBudget(e.netSizeBytes(), remainingBytes);
    }
    return null;
  }

  static String overBudget(long neededBytes, long remainingBytes) {
    return String.format(Locale.ROOT, "over budget: needs %d bytes, %d left", neededBytes,
        Math.max(remainingBytes, 0));
  }

  double maintenance(IndexCandidate candidate) {
    TableStats stats = tables.get(candidate.table());
    return stats == null ? 0 : stats.writesPerHour() * settings.maintenanceCostPerWrite();
  }

  /** Σ calls/h × planner cost of the workload with {@code chosen}. */
  double workloadCost(Collection<IndexCandidate> chosen) throws WhatIfException {
    double total = 0;
    for (Map.Entry<WorkloadQuery, PlannedCost> e : costs.costs(workload, chosen).entrySet()) {
      total += e.getKey().callsPerHour() * e.getValue().cost();
    }
    return total;
  }

  /** The queries whose cost {@code candidate} (replacing {@code replaces}) can change. */
  List<WorkloadQuery> affected(IndexCandidate candidate, List<IndexCandidate> replaces) {
    return workload.stream().filter(q -> costs.isRelevant(candidate, q)
        || replaces.stream().anyMatch(r -> costs.isRelevant(r, q))).toList();
  }

  List<WorkloadQuery> affected(IndexCandidate candidate) {
    return affected(candidate, List.of());
  }

  long size(IndexCandidate candidate) throws WhatIfException {
    Long size = sizes.get(candidate);
    if (size == null) {
      size = whatIf.sizeBytes(candidate);
      sizes.put(candidate, size);
    }
    return size;
  }

  /** The known sizes of {@code indexes} (0 for one never sized). */
  long sizeOf(Collection<IndexCandidate> indexes) {
    return indexes.stream().mapToLong(i -> sizes.getOrDefault(i, 0L)).sum();
  }
}

package io.querydoctor.core.advisor;

import io.querydoctor.core.advisor.IndexAdvice.ChosenIndex;
import io.querydoctor.core.advisor.IndexAdvice.QueryEffect;
import io.querydoctor.core.advisor.IndexAdvice.RejectedCandidate;
import io.querydoctor.core.advisor.IndexAdvice.SkippedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the set of indexes that most reduces the workload's cost within a storage budget.
 *
 * <p>Design note. Index selection is NP-hard and indexes interact (a second index on a table can make the
 * first useless), so this is a greedy search that asks the planner again after every pick, combining what
 * holds up in the published comparisons (Kossmann et al., VLDB 2020):
 * <ul>
 *   <li>AutoAdmin (Chaudhuri &amp; Narasayya): the what-if cost of the whole configuration, re-evaluated after
 *       each pick, cached per (statement, indexes it could use) ({@link WorkloadCosts}); after a pick only
 *       candidates sharing a query with it are re-evaluated.
 *   <li>DB2Advis (Valentin et al.): rank by benefit per byte, so that under a budget many small, useful
 *       indexes beat one wide one; and accept small gains — there is no floor on a pick but Extend's 0.3 % of the
 *       workload's cost ({@link AdvisorSettings#minPickGain()}). RULES.md's 20 % is the bar for reporting a
 *       chosen index as a finding, not for the search.
 *   <li>Extend (Schlosser et al.): candidates are merged across queries, and indexes grow one attribute at a
 *       time ({@link IndexGrowth}): after every pick the chosen indexes' one-column extensions join the pool,
 *       and one whose keys start with a chosen index replaces it, charged only the extra bytes. A candidate
 *       that makes an existing index redundant is charged only the extra bytes too.
 * </ul>
 * The rules' candidates (ordered, covering, partial, expression, GIN) compete in the same pool. Benefit = Σ over
 * the queries it touches of calls/h × (cost now − cost with it), minus its upkeep when it adds an index: the
 * table's written rows/h × {@link AdvisorSettings#maintenanceCostPerWrite()}. A candidate is eligible when the
 * planner uses it, it saves more than its upkeep and the least gain, and it fits in what is left of the budget.
 * Every candidate not chosen keeps the reason of its last evaluation.
 *
 * <p>Not thread-safe; one instance per advice.
 */
public final class IndexSelection {

  /**
   * The greedy runs, {per byte (1) or by benefit (0), least reduction of the queries using a pick}: per byte
   * can fill the budget with small indexes and leave no room for the large one that matters, by benefit can
   * spend it on one large index, and per byte among substantial picks only (each saving a fifth of its queries'
   * cost, the bar of the advisor's first version) keeps room for the second large one. Costs are shared, so the
   * later runs mostly read the cache.
   */
  private static final double[][] STRATEGIES = {{1, 0}, {0, 0}, {1, 0.2}};

  private final WhatIf whatIf;
  private final AdvisorSettings settings;
  private final WorkloadCosts costs;
  private final Map<IndexCandidate, Long> sizes = new HashMap<>();
  private List<WorkloadQuery> planned = List.of();
  private Map<String, TableStats> tables = Map.of();
  private List<ExistingIndex> existing = List.of();

  public IndexSelection(WhatIf whatIf, AdvisorSettings settings) {
    this.whatIf = whatIf;
    this.settings = settings;
    this.costs = new WorkloadCosts(whatIf);
  }

  /**
   * Selects indexes for {@code workload} from what {@code generator} proposes for its queries that are not
   * already cheap, and from what grows out of the picks.
   *
   * @param tableStats per table (as the workload names it): size and write rate
   * @throws WhatIfException only when not even today's plans can be obtained for any statement
   */
  public IndexAdvice select(List<WorkloadQuery> workload, CandidateGenerator generator,
      List<ExistingIndex> existingIndexes, Map<String, TableStats> tableStats) throws WhatIfException {
    this.tables = tableStats;
    this.existing = existingIndexes;
    try {
      List<SkippedQuery> skipped = new ArrayList<>();
      planned = plannable(workload, skipped);
      IndexGrowth growth = new IndexGrowth(planned, costs, settings);
      Set<IndexCandidate> pool = new LinkedHashSet<>();
      addNew(pool, generator.candidates(planned, existingIndexes));
      addNew(pool, growth.singles());
      long budget = budget(List.copyOf(pool));
      List<IndexCandidate> chosen = null;
      Map<IndexCandidate, CandidateEvaluation> latest = null;
      for (double[] strategy : STRATEGIES) {
        Map<IndexCandidate, CandidateEvaluation> evaluations = new LinkedHashMap<>();
        List<IndexCandidate> picked = greedy(pool, growth, budget, strategy[0] > 0, strategy[1], evaluations);
        if (chosen == null || workloadCost(picked) < workloadCost(chosen) - 1e-6) {
          chosen = picked;
          latest = evaluations;
        }
      }
      Map<IndexCandidate, String> weak = new ReportingBar(costs, settings, planned).hold(chosen);
      for (IndexCandidate index : chosen) {
        size(index);
      }
      return advice(List.copyOf(pool), chosen, latest, weak, skipped, budget);
    } finally {
      whatIf.release();
      if (Boolean.getBoolean("querydoctor.advisor.trace")) {
        System.err.println("advisor: " + costs.effort());
      }
    }
  }

  /**
   * One greedy run from nothing, ranking candidates by benefit per byte (DB2Advis, Extend) or by benefit alone
   * (AutoAdmin), taking only picks that save at least {@code floor} of the cost of the queries using them. No
   * one strategy dominates under a budget, so {@link #select} runs each of {@link #STRATEGIES} over the shared
   * cost cache and keeps the cheapest workload.
   */
  private List<IndexCandidate> greedy(Set<IndexCandidate> pool, IndexGrowth growth, long budget, boolean perByte,
      double floor, Map<IndexCandidate, CandidateEvaluation> latest) throws WhatIfException {
    List<IndexCandidate> chosen = new ArrayList<>();
    Set<IndexCandidate> fresh = new LinkedHashSet<>();
    while (true) {
      CandidateEvaluation best = bestPick(pool, chosen, latest, fresh, budget, perByte, floor);
      if (best == null) {
        break;
      }
      chosen.removeAll(best.replaces());
      chosen.add(best.candidate());
      fresh.removeAll(interactingWith(best, pool));
      for (IndexCandidate candidate : pool) {
        if (best.candidate().isPrefixOf(candidate)) {
          latest.remove(candidate);
        }
      }
      for (IndexCandidate index : chosen) {
        addNew(pool, growth.extensions(index));
      }
    }
    pruneUnused(chosen);
    pruneNegligible(chosen);
    return chosen;
  }

  /**
   * The best eligible pick under {@code chosen}, or null. Lazy greedy (Minoux's accelerated greedy, as in
   * CELF): a candidate's score from an earlier round bounds its score now (an index saves less the more is
   * already chosen), so only the candidates whose old score beats the best fresh one are planned again. A
   * candidate that a chosen index now prefixes has no valid bound (it would replace that index and pay only
   * the extra bytes): its old evaluation is dropped when the prefix is picked.
   */
  private CandidateEvaluation bestPick(Set<IndexCandidate> pool, List<IndexCandidate> chosen,
      Map<IndexCandidate, CandidateEvaluation> latest, Set<IndexCandidate> fresh, long budget, boolean perByte,
      double floor) throws WhatIfException {
    double workloadCost = workloadCost(chosen);
    long remaining = budget - sizeOf(chosen);
    CandidateEvaluation best = null;
    for (IndexCandidate candidate : fresh) {
      CandidateEvaluation e = latest.get(candidate);
      if (!chosen.contains(candidate) && reason(e, remaining, workloadCost) == null && e.reduction() >= floor
          && (best == null || e.score(perByte) > best.score(perByte))) {
        best = e;
      }
    }
    while (true) {
      IndexCandidate next = null;
      double bound = Double.NEGATIVE_INFINITY;
      for (IndexCandidate candidate : pool) {
        if (chosen.contains(candidate) || fresh.contains(candidate)) {
          continue;
        }
        double b = bound(latest.get(candidate), remaining, chosen, perByte);
        if (b > bound) {
          bound = b;
          next = candidate;
        }
      }
      if (next == null || bound <= 0 || (best != null && best.score(perByte) >= bound)) {
        return best;
      }
      CandidateEvaluation e = evaluate(next, chosen);
      latest.put(next, e);
      fresh.add(next);
      if (reason(e, remaining, workloadCost) == null && e.reduction() >= floor
          && (best == null || e.score(perByte) > best.score(perByte))) {
        best = e;
      }
    }
  }

  /** The most {@code old} can score now: unknown (infinite) when never evaluated, 0 when it cannot be picked. */
  private static double bound(CandidateEvaluation old, long remaining, List<IndexCandidate> chosen, boolean perByte) {
    if (old == null) {
      return Double.POSITIVE_INFINITY;
    }
    if (old.failure() != null || old.usedBy().isEmpty() || old.benefit() <= old.maintenance()) {
      return 0;
    }
    boolean extends_ = chosen.stream().anyMatch(c -> c.isPrefixOf(old.candidate()));
    if (old.netSizeBytes() > remaining && !extends_) {
      return 0;
    }
    return old.score(perByte);
  }

  /** Adds the candidates within the width limit that the database does not have yet; whether any was new. */
  private boolean addNew(Set<IndexCandidate> pool, List<IndexCandidate> candidates) {
    boolean added = false;
    for (IndexCandidate candidate : candidates) {
      if (settings.fits(candidate) && existing.stream().noneMatch(e -> e.sameKeysAs(candidate))) {
        added |= pool.add(candidate);
      }
    }
    return added;
  }

  private double workloadCost(List<IndexCandidate> chosen) throws WhatIfException {
    double total = 0;
    for (Map.Entry<WorkloadQuery, PlannedCost> e : costs.costs(planned, chosen).entrySet()) {
      total += e.getKey().callsPerHour() * e.getValue().cost();
    }
    return total;
  }

  /**
   * Drops, one at a time, the pick whose removal now costs the workload least, while that is under the search's
   * least gain: later picks can take over most of an earlier one's work, and an index that no longer earns its
   * place is one more to build and maintain.
   */
  private void pruneNegligible(List<IndexCandidate> chosen) throws WhatIfException {
    while (chosen.size() > 1) {
      double total = workloadCost(chosen);
      IndexCandidate least = null;
      double leastLoss = Double.MAX_VALUE;
      for (IndexCandidate index : chosen) {
        List<IndexCandidate> without = new ArrayList<>(chosen);
        without.remove(index);
        double loss = workloadCost(without) - total;
        if (loss < leastLoss) {
          leastLoss = loss;
          least = index;
        }
      }
      if (leastLoss >= settings.minPickGain() * total) {
        return;
      }
      chosen.remove(least);
    }
  }

  /**
   * Drops picks that no plan uses once the later picks exist (an early single-column index a composite has
   * since outdone), one at a time, asking the planner again after each drop.
   */
  private void pruneUnused(List<IndexCandidate> chosen) throws WhatIfException {
    boolean dropped = true;
    while (dropped) {
      dropped = false;
      Set<IndexCandidate> all = Set.copyOf(chosen);
      for (IndexCandidate index : List.copyOf(chosen)) {
        boolean used = false;
        for (PlannedCost planned : costs.costs(affected(index), all).values()) {
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

  private List<WorkloadQuery> plannable(List<WorkloadQuery> workload, List<SkippedQuery> skipped) {
    List<WorkloadQuery> ok = new ArrayList<>();
    for (WorkloadQuery query : workload) {
      if (query.parsed().isSkipped()) {
        skipped.add(new SkippedQuery(query.fingerprint(), query.parsed().skipReason()));
      } else if (query.parsed().accesses().isEmpty()) {
        continue;
      } else {
        try {
          double cost = cost(query, Set.of()).cost();
          if (cost < settings.minQueryCost()) {
            skipped.add(new SkippedQuery(query.fingerprint(), String.format(Locale.ROOT,
                "already cheap: planner cost %.0f, below %.0f", cost, settings.minQueryCost())));
          } else {
            ok.add(query);
          }
        } catch (WhatIfException e) {
          skipped.add(new SkippedQuery(query.fingerprint(), "cannot be planned: " + e.getMessage()));
        }
      }
    }
    return ok;
  }

  private long budget(List<IndexCandidate> candidates) {
    if (settings.budgetBytes() != null) {
      return settings.budgetBytes();
    }
    long tableBytes = 0;
    for (String table : CandidateGenerator.tables(candidates)) {
      TableStats stats = tables.get(table);
      tableBytes += stats == null ? 0 : stats.sizeBytes();
    }
    return Math.round(tableBytes * settings.budgetFraction());
  }

  private CandidateEvaluation evaluate(IndexCandidate candidate, List<IndexCandidate> chosen) {
    List<IndexCandidate> replaces = chosen.stream().filter(c -> c.isPrefixOf(candidate)).toList();
    Set<IndexCandidate> with = new LinkedHashSet<>(chosen);
    replaces.forEach(with::remove);
    with.add(candidate);
    try {
      long size = size(candidate);
      long net = size - sizeOf(replaces) - existing.stream().filter(e -> e.madeRedundantBy(candidate))
          .mapToLong(ExistingIndex::sizeBytes).sum();
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
      return new CandidateEvaluation(candidate, size, Math.max(net, 0), benefit, upkeep, reduction, usedBy, replaces, null);
    } catch (WhatIfException e) {
      return new CandidateEvaluation(candidate, 0, 0, 0, 0, 0, List.of(), replaces, "cannot be evaluated: " + e.getMessage());
    }
  }

  /**
   * Why {@code e} cannot be picked with {@code remainingBytes} of budget left while the workload costs
   * {@code workloadCost}; {@code null} when it can.
   */
  private String reason(CandidateEvaluation e, long remainingBytes, double workloadCost) {
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
      return String.format(Locale.ROOT, "over budget: needs %d bytes, %d left", e.netSizeBytes(),
          Math.max(remainingBytes, 0));
    }
    return null;
  }

  private double maintenance(IndexCandidate candidate) {
    TableStats stats = tables.get(candidate.table());
    return stats == null ? 0 : stats.writesPerHour() * settings.maintenanceCostPerWrite();
  }

  /** The queries whose cost {@code candidate} (replacing {@code replaces}) can change. */
  private List<WorkloadQuery> affected(IndexCandidate candidate, List<IndexCandidate> replaces) {
    return planned.stream().filter(q -> costs.isRelevant(candidate, q)
        || replaces.stream().anyMatch(r -> costs.isRelevant(r, q))).toList();
  }

  private List<WorkloadQuery> affected(IndexCandidate candidate) {
    return affected(candidate, List.of());
  }

  /** Candidates whose queries overlap the pick's (and the indexes it replaced): only their worth can have changed. */
  private Set<IndexCandidate> interactingWith(CandidateEvaluation picked, Set<IndexCandidate> candidates) {
    Set<WorkloadQuery> touched = new LinkedHashSet<>(affected(picked.candidate(), picked.replaces()));
    Set<IndexCandidate> stale = new LinkedHashSet<>();
    for (IndexCandidate candidate : candidates) {
      if (affected(candidate).stream().anyMatch(touched::contains)) {
        stale.add(candidate);
      }
    }
    return stale;
  }

  private PlannedCost cost(WorkloadQuery query, Set<IndexCandidate> config) throws WhatIfException {
    return costs.cost(query, config);
  }

  private long size(IndexCandidate candidate) throws WhatIfException {
    Long size = sizes.get(candidate);
    if (size == null) {
      size = whatIf.sizeBytes(candidate);
      sizes.put(candidate, size);
    }
    return size;
  }

  private long sizeOf(List<IndexCandidate> indexes) {
    return indexes.stream().mapToLong(i -> sizes.getOrDefault(i, 0L)).sum();
  }

  private IndexAdvice advice(List<IndexCandidate> candidates, List<IndexCandidate> chosen,
      Map<IndexCandidate, CandidateEvaluation> latest, Map<IndexCandidate, String> weak, List<SkippedQuery> skipped,
      long budget) throws WhatIfException {
    Set<IndexCandidate> finalSet = Set.copyOf(chosen);
    List<ChosenIndex> picked = new ArrayList<>();
    for (IndexCandidate index : chosen) {
      List<QueryEffect> effects = new ArrayList<>();
      for (WorkloadQuery query : affected(index)) {
        PlannedCost after = cost(query, finalSet);
        if (after.used().contains(index)) {
          effects.add(new QueryEffect(query, cost(query, Set.of()).cost(), after.cost()));
        }
      }
      picked.add(new ChosenIndex(index, sizes.getOrDefault(index, 0L), effects, maintenance(index),
          existing.stream().filter(e -> e.madeRedundantBy(index)).toList()));
    }
    long remaining = budget - sizeOf(chosen);
    double workloadCost = workloadCost(chosen);
    List<RejectedCandidate> rejected = new ArrayList<>();
    for (IndexCandidate candidate : candidates) {
      if (weak.containsKey(candidate) && !chosen.contains(candidate)) {
        rejected.add(new RejectedCandidate(candidate, weak.get(candidate)));
      } else if (!chosen.contains(candidate)) {
        rejected.add(new RejectedCandidate(candidate, rejection(candidate, chosen, latest.get(candidate), remaining,
            workloadCost)));
      }
    }
    double before = 0;
    double after = 0;
    for (WorkloadQuery query : planned) {
      before += query.callsPerHour() * cost(query, Set.of()).cost();
      after += query.callsPerHour() * cost(query, finalSet).cost();
    }
    return new IndexAdvice(picked, rejected, skipped, budget, before, after, whatIf.method());
  }

  private String rejection(IndexCandidate candidate, List<IndexCandidate> chosen, CandidateEvaluation e, long remaining,
      double workloadCost) {
    String reason = reason(e, remaining, workloadCost);
    for (IndexCandidate c : chosen) {
      if (candidate.isPrefixOf(c)) {
        return "superseded by " + c.definition() + ", which starts with the same keys";
      }
    }
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
}

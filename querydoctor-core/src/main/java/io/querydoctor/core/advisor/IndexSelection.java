package io.querydoctor.core.advisor;

import io.querydoctor.core.advisor.IndexAdvice.SkippedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the set of indexes that most reduces the workload's cost within a storage budget.
 *
 * <p>Design note. Index selection is NP-hard and indexes interact (a second index on a table can make the
 * first useless), so this is a greedy search that asks the planner again after every pick, followed by a local
 * search, combining what holds up in the published comparisons (Kossmann et al., VLDB 2020):
 * <ul>
 *   <li>AutoAdmin (Chaudhuri &amp; Narasayya): the what-if cost of the whole configuration, re-evaluated after
 *       each pick, cached per (statement, indexes it could use) ({@link WorkloadCosts}); after a pick only
 *       candidates sharing a query with it are re-evaluated ({@link GreedyRun}).
 *   <li>DB2Advis (Valentin et al.): rank by benefit per byte, so that under a budget many small, useful
 *       indexes beat one wide one; and accept small gains — there is no floor on a pick but Extend's 0.3 % of the
 *       workload's cost ({@link AdvisorSettings#minPickGain()}). RULES.md's 20 % is the bar for reporting a
 *       chosen index as a finding ({@link ReportingBar}), not for the search.
 *   <li>Extend (Schlosser et al.): candidates are merged across queries, and indexes grow one attribute at a
 *       time ({@link IndexGrowth}): after every pick the chosen indexes' one-column extensions join the pool,
 *       and one whose keys start with a chosen index replaces it, charged only the extra bytes. A candidate
 *       that makes an existing index redundant is charged only the extra bytes too ({@link CandidatePricing}).
 * </ul>
 * No one greedy rule dominates under a budget, so {@link #STRATEGIES} are run over the shared costs and the cheapest
 * workload kept; then what no longer earns its place is pruned ({@link SetPruning}) and members are exchanged for
 * candidates left out while that lowers the cost ({@link SwapSearch}). The rules' candidates (ordered, covering,
 * partial, expression, GIN) compete in the same pool. A candidate is eligible when the planner uses it, it saves
 * more than its upkeep and the least gain, and it fits in what is left of the budget. Every candidate not chosen
 * keeps the reason of its last evaluation ({@link SelectionAdvice}).
 *
 * <p>Not thread-safe; one instance per advice.
 */
public final class IndexSelection {

  /**
   * The greedy runs: per byte can fill the budget with small indexes and leave no room for the large one that
   * matters, by benefit can spend it on one large index, per byte among substantial picks only (each saving a
   * fifth of its queries' cost, the bar of the advisor's first version) keeps room for the second large one, and
   * per byte over plain key columns only (Extend's search space) keeps a wide covering candidate, which wins its
   * round, from crowding out two plain indexes that together save more. Costs are shared, so the later runs
   * mostly read the cache.
   */
  private static final List<GreedyRun.Strategy> STRATEGIES = List.of(new GreedyRun.Strategy(true, 0, false),
      new GreedyRun.Strategy(false, 0, false), new GreedyRun.Strategy(true, 0.2, false),
      new GreedyRun.Strategy(true, 0, true));

  private final WhatIf whatIf;
  private final AdvisorSettings settings;
  private final WorkloadCosts costs;

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
    try {
      List<SkippedQuery> skipped = new ArrayList<>();
      List<WorkloadQuery> planned = plannable(workload, skipped);
      CandidatePricing pricing = new CandidatePricing(whatIf, settings, costs, planned, tableStats, existingIndexes);
      IndexGrowth growth = new IndexGrowth(planned, costs, settings);
      Set<IndexCandidate> pool = new LinkedHashSet<>();
      addNew(pool, generator.candidates(planned, existingIndexes), pricing);
      addNew(pool, growth.singles(), pricing);
      long budget = budget(List.copyOf(pool), tableStats);
      SetPruning pruning = new SetPruning(pricing);
      Map<IndexCandidate, CandidateEvaluation> evaluations = new HashMap<>();
      List<IndexCandidate> chosen = bestGreedy(pricing, growth, pool, budget, pruning, evaluations);
      trace("before the swaps " + costs.effort());
      if (!whatIf.buildsIndexes()) {
        SwapSearch.Refill refill = (start, excluded) -> refill(pricing, growth, pool, budget, start, excluded);
        chosen = new SwapSearch(pricing, pruning, refill).improve(chosen, pool, budget);
      }
      trace("swaps " + Math.round(pricing.workloadCost(chosen)) + " " + chosen);
      Map<IndexCandidate, String> weak = new ReportingBar(costs, settings, planned).hold(chosen);
      return new SelectionAdvice(pricing, whatIf.method()).advice(List.copyOf(pool), chosen, evaluations, weak,
          skipped, budget);
    } finally {
      whatIf.release();
      trace(costs.effort());
    }
  }

  /**
   * Runs each of {@link #STRATEGIES} from nothing, prunes each result and returns the one whose workload costs
   * least. {@code evaluations} receives every candidate's last evaluation, the winning run's where it has one (a
   * candidate the winning run did not plan — the plain-key run skips the rules' shapes — keeps another run's).
   */
  private List<IndexCandidate> bestGreedy(CandidatePricing pricing, IndexGrowth growth, Set<IndexCandidate> pool,
      long budget, SetPruning pruning, Map<IndexCandidate, CandidateEvaluation> evaluations) throws WhatIfException {
    List<IndexCandidate> chosen = null;
    Map<IndexCandidate, CandidateEvaluation> winning = Map.of();
    // Building indexes for real makes every extra run cost seconds: a sandbox gets the first three (see WhatIf).
    for (GreedyRun.Strategy strategy : whatIf.buildsIndexes() ? STRATEGIES.subList(0, 3) : STRATEGIES) {
      GreedyRun run = new GreedyRun(pricing, growth, pool, budget, strategy, Set.of());
      List<IndexCandidate> picked = run.from(List.of());
      pruning.prune(picked);
      evaluations.putAll(run.latest());
      trace(strategy + " " + Math.round(pricing.workloadCost(picked)) + " " + picked);
      if (chosen == null || pricing.workloadCost(picked) < pricing.workloadCost(chosen) - 1e-6) {
        chosen = picked;
        winning = run.latest();
      }
    }
    evaluations.putAll(winning);
    return chosen;
  }

  /** The swap search's refill: greedy by benefit per byte and by benefit from {@code start}; the cheaper. */
  private static List<IndexCandidate> refill(CandidatePricing pricing, IndexGrowth growth, Set<IndexCandidate> pool,
      long budget, List<IndexCandidate> start, Set<IndexCandidate> excluded) throws WhatIfException {
    List<IndexCandidate> best = null;
    for (GreedyRun.Strategy strategy : STRATEGIES.subList(0, 2)) {
      List<IndexCandidate> filled = new GreedyRun(pricing, growth, pool, budget, strategy, excluded).from(start);
      if (best == null || pricing.workloadCost(filled) < pricing.workloadCost(best)) {
        best = filled;
      }
    }
    return best;
  }

  /** With {@code -Dquerydoctor.advisor.trace=true}, what the search did, on stderr (the benchmark reads it). */
  private static void trace(String line) {
    if (Boolean.getBoolean("querydoctor.advisor.trace")) {
      System.err.println("advisor: " + line);
    }
  }

  /** Adds the candidates within the width limit that the database does not have yet. */
  static void addNew(Set<IndexCandidate> pool, List<IndexCandidate> candidates, CandidatePricing pricing) {
    for (IndexCandidate candidate : candidates) {
      if (pricing.settings().fits(candidate) && pricing.existing().stream().noneMatch(e -> e.sameKeysAs(candidate))) {
        pool.add(candidate);
      }
    }
  }

  private List<WorkloadQuery> plannable(List<WorkloadQuery> workload, List<SkippedQuery> skipped) {
    List<WorkloadQuery> ok = new ArrayList<>();
    for (WorkloadQuery query : workload) {
      if (query.parsed().isSkipped()) {
        skipped.add(new SkippedQuery(query.fingerprint(), query.parsed().skipReason()));
      } else if (!query.parsed().accesses().isEmpty()) {
        try {
          double cost = costs.cost(query, Set.of()).cost();
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

  private long budget(List<IndexCandidate> candidates, Map<String, TableStats> tables) {
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
}

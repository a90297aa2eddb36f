package io.querydoctor.core.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.advisor.IndexAdvice.ChosenIndex;
import io.querydoctor.core.advisor.IndexAdvice.RejectedCandidate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The selection's steps after and inside the greedy, against a planner whose costs are written out: an exchange
 * that frees bytes for a refill is taken, a set no exchange improves is kept, and a candidate whose bytes cannot
 * fit the budget is never planned.
 */
class SwapSearchTest {

  private static final String ON_T1 = "SELECT a FROM t1 WHERE x = $1 AND y = $2";
  private static final String ON_T2 = "SELECT b FROM t2 WHERE z = $1";
  private static final long MB = 1_000_000;
  private static final IndexCandidate T1_X = btree("t1", "x");
  private static final IndexCandidate T1_Y = btree("t1", "y");
  private static final IndexCandidate T2_Z = btree("t2", "z");

  /**
   * Each query costs 1000 without an index. t1 (x): 700, 6 MB; t1 (y): 520, 4 MB — the better one on t1 takes
   * fewer bytes; t2 (z): 550, 5 MB. With 10 MB, t1 (y) and t2 (z) together are best (1070).
   */
  private static final class WrittenPlanner implements WhatIf {
    final List<Set<IndexCandidate>> configs = new ArrayList<>();

    @Override
    public List<PlannedCost> plan(List<String> statements, Set<IndexCandidate> indexes) {
      configs.add(Set.copyOf(indexes));
      List<PlannedCost> costs = new ArrayList<>();
      for (String sql : statements) {
        PlannedCost best = new PlannedCost(1000, Set.of());
        for (IndexCandidate index : indexes) {
          double cost = index.equals(T1_X) && sql.equals(ON_T1) ? 700 : index.equals(T1_Y) && sql.equals(ON_T1) ? 520
              : index.equals(T2_Z) && sql.equals(ON_T2) ? 550 : 1000;
          if (cost < best.cost()) {
            best = new PlannedCost(cost, Set.of(index));
          }
        }
        costs.add(best);
      }
      return costs;
    }

    @Override
    public long sizeBytes(IndexCandidate index) {
      return index.equals(T1_X) ? 6 * MB : index.equals(T1_Y) ? 4 * MB : 5 * MB;
    }

    @Override
    public String method() {
      return "written costs";
    }
  }

  private static List<WorkloadQuery> workload() {
    QueryParser parser = new QueryParser();
    return List.of(new WorkloadQuery("1", ON_T1, 1, parser.parse(ON_T1)),
        new WorkloadQuery("2", ON_T2, 1, parser.parse(ON_T2)));
  }

  /** A swap search over {t1 (x), t1 (y), t2 (z)} with a per-byte greedy refill, from {@code start}. */
  private static List<IndexCandidate> improve(List<IndexCandidate> start, long budget) throws WhatIfException {
    AdvisorSettings settings = AdvisorSettings.defaults().withMaxIndexWidth(1).withMinCostReduction(0);
    WhatIf planner = new WrittenPlanner();
    WorkloadCosts costs = new WorkloadCosts(planner);
    List<WorkloadQuery> workload = workload();
    CandidatePricing pricing = new CandidatePricing(planner, settings, costs, workload, Map.of(), List.of());
    IndexGrowth growth = new IndexGrowth(workload, costs, settings);
    Set<IndexCandidate> pool = new LinkedHashSet<>(List.of(T1_X, T1_Y, T2_Z));
    SwapSearch.Refill refill = (from, excluded) -> new GreedyRun(pricing, growth, pool, budget,
        new GreedyRun.Strategy(true, 0, false), excluded).from(from);
    for (IndexCandidate index : start) {
      pricing.size(index);
    }
    return new SwapSearch(pricing, new SetPruning(pricing), refill).improve(start, pool, budget);
  }

  @Test
  void exchangingAnEarlyPickFreesBytesTheRefillSpends() throws Exception {
    assertThat(improve(List.of(T1_X), 10 * MB)).containsExactlyInAnyOrder(T1_Y, T2_Z);
  }

  @Test
  void aSetNoExchangeImprovesIsKept() throws Exception {
    assertThat(improve(List.of(T1_Y, T2_Z), 10 * MB)).containsExactly(T1_Y, T2_Z);
  }

  @Test
  void aCandidateWhoseBytesCannotFitIsNeverPlanned() throws Exception {
    WrittenPlanner planner = new WrittenPlanner();
    AdvisorSettings settings = AdvisorSettings.defaults().withBudgetBytes(4_500_000L).withMaxIndexWidth(1)
        .withMinCostReduction(0);
    IndexAdvice advice = new IndexSelection(planner, settings).select(workload(),
        new CandidateGenerator(List.of(new OrderedIndexRule())), List.of(), Map.of());
    assertThat(advice.chosen()).extracting(ChosenIndex::index).containsExactly(T1_Y);
    assertThat(planner.configs).noneMatch(c -> c.contains(T1_X) || c.contains(T2_Z));
    assertThat(advice.rejected()).filteredOn(r -> r.index().equals(T1_X)).extracting(RejectedCandidate::reason)
        .singleElement().asString().startsWith("over budget: needs 6000000 bytes");
  }

  private static IndexCandidate btree(String table, String column) {
    return IndexCandidate.btree(table, List.of(SortKey.ascending(column)), CandidateKind.ORDERED);
  }
}

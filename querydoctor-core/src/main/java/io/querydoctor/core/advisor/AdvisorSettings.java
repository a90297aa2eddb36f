package io.querydoctor.core.advisor;

/**
 * Thresholds of the advisor; defaults from RULES.md ({@code missing-index}: at least 20 % cost reduction of
 * the affected queries) and the issue (budget 25 % of the indexed tables' size).
 *
 * @param budgetBytes storage for new indexes, in bytes; {@code null} for {@code budgetFraction} of the size of
 *     the tables that have candidates
 * @param budgetFraction the default budget as a fraction of the indexed tables' size
 * @param minCostReduction the least share of the affected queries' cost an index must save
 * @param maintenanceCostPerWrite planner cost units one written row costs each index: about one random page
 *     ({@code random_page_cost} 4) for descending the B-tree and dirtying a leaf
 * @param minQueryCost a query whose plan costs less today is already cheap and proposes no index (Dexter's
 *     default of 100: below it the planner is reading a handful of pages, and an index would save microseconds
 *     while every write pays for it)
 */
public record AdvisorSettings(Long budgetBytes, double budgetFraction, double minCostReduction,
    double maintenanceCostPerWrite, double minQueryCost) {

  public static AdvisorSettings defaults() {
    return new AdvisorSettings(null, 0.25, 0.20, 4.0, 100);
  }

  public AdvisorSettings withBudgetBytes(Long bytes) {
    return new AdvisorSettings(bytes, budgetFraction, minCostReduction, maintenanceCostPerWrite, minQueryCost);
  }
}

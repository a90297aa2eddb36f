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
 */
public record AdvisorSettings(Long budgetBytes, double budgetFraction, double minCostReduction,
    double maintenanceCostPerWrite) {

  public static AdvisorSettings defaults() {
    return new AdvisorSettings(null, 0.25, 0.20, 4.0);
  }

  public AdvisorSettings withBudgetBytes(Long bytes) {
    return new AdvisorSettings(bytes, budgetFraction, minCostReduction, maintenanceCostPerWrite);
  }
}

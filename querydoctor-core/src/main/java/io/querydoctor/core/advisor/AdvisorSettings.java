package io.querydoctor.core.advisor;

/**
 * Thresholds of the advisor; defaults from RULES.md ({@code missing-index}: at least 20 % cost reduction of
 * the affected queries) and the issue (budget 25 % of the indexed tables' size).
 *
 * @param budgetBytes storage for new indexes, in bytes; {@code null} for {@code budgetFraction} of the size of
 *     the tables that have candidates
 * @param budgetFraction the default budget as a fraction of the indexed tables' size
 * @param minCostReduction the least share of the cost of the queries that use it a chosen index must save, next
 *     to the others chosen (and a grown index next to its shorter prefix), to be proposed as a
 *     {@code missing-index} finding (RULES.md); the search itself is not held to it
 * @param maintenanceCostPerWrite planner cost units one written row costs each index: about one random page
 *     ({@code random_page_cost} 4) for descending the B-tree and dirtying a leaf
 * @param minQueryCost a query whose plan costs less today is already cheap and proposes no index (Dexter's
 *     default of 100: below it the planner is reading a handful of pages, and an index would save microseconds
 *     while every write pays for it)
 * @param minPickGain the least share of the whole workload's current cost a pick must save inside the search
 *     (Extend's 0.3 %): below it a gain is planner noise, not worth an index
 * @param maxIndexWidth the most columns (keys plus {@code INCLUDE}) an index may have; 0 for no limit (the
 *     index-selection literature compares algorithms at width 2)
 */
public record AdvisorSettings(Long budgetBytes, double budgetFraction, double minCostReduction,
    double maintenanceCostPerWrite, double minQueryCost, double minPickGain, int maxIndexWidth) {

  public static AdvisorSettings defaults() {
    return new AdvisorSettings(null, 0.25, 0.20, 4.0, 100, 0.003, 0);
  }

  public AdvisorSettings withBudgetBytes(Long bytes) {
    return new AdvisorSettings(bytes, budgetFraction, minCostReduction, maintenanceCostPerWrite, minQueryCost,
        minPickGain, maxIndexWidth);
  }

  public AdvisorSettings withMaxIndexWidth(int width) {
    return new AdvisorSettings(budgetBytes, budgetFraction, minCostReduction, maintenanceCostPerWrite, minQueryCost,
        minPickGain, width);
  }

  public AdvisorSettings withMinPickGain(double share) {
    return new AdvisorSettings(budgetBytes, budgetFraction, minCostReduction, maintenanceCostPerWrite, minQueryCost,
        share, maxIndexWidth);
  }

  public AdvisorSettings withMinCostReduction(double share) {
    return new AdvisorSettings(budgetBytes, budgetFraction, share, maintenanceCostPerWrite, minQueryCost,
        minPickGain, maxIndexWidth);
  }

  /** Whether {@code index} is within {@link #maxIndexWidth()}. */
  public boolean fits(IndexCandidate index) {
    return maxIndexWidth <= 0 || index.keys().size() + index.include().size() <= maxIndexWidth;
  }
}

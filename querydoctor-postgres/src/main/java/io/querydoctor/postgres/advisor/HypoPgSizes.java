package io.querydoctor.postgres.advisor;

/**
 * How {@link HypoPgWhatIf} sizes a hypothetical index, the size the advisor charges against its storage budget.
 * Costs are HypoPG's planner costs either way.
 */
public enum HypoPgSizes {

  /**
   * HypoPG's own estimate: one index tuple per row, no B-tree deduplication. The index-selection literature's
   * protocol (what the published numbers used), so the benchmarks compare on it.
   */
  RAW,

  /**
   * HypoPG's estimate replaced by {@link IndexSizeEstimator}'s where it applies (B-tree on plain columns of an
   * analyzed table, not partial): the layout a build makes, deduplication included (PostgreSQL 13+), from the
   * table's statistics. HypoPG's own elsewhere. What {@code advise}, {@code diagnose} and the monitor use.
   */
  CALIBRATED
}

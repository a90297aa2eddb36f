package io.querydoctor.core.plan.rules;

import java.util.List;

/** The plan rules of RULES.md, in catalog order. */
public final class PlanRules {

  private PlanRules() {}

  public static List<PlanRule> all() {
    return List.of(new SeqScanLargeTableRule(), new RowEstimateMismatchRule(), new SortSpillRule(),
        new HashSpillRule(), new NestedLoopLargeRule(), new NonSargablePredicateRule(),
        new InefficientIndexScanRule(), new JoinExplosionRule(), new HeavyAggregationRule(),
        new TopNFullSortRule(), new HeapFetchesRule(), new LossyBitmapScanRule());
  }
}

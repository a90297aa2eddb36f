package io.querydoctor.mysql.plan.rules;

import io.querydoctor.core.plan.PlanAnalyzer;
import io.querydoctor.core.plan.rules.PlanRule;
import io.querydoctor.core.plan.rules.PlanRuleSettings;
import io.querydoctor.mysql.plan.MysqlPlan;
import java.util.List;

/**
 * The plan rules for MySQL and MariaDB, bound to one plan's table-access facts. Ids are core's where the concept is
 * the same ({@code seq-scan-large-table}, {@code inefficient-index-scan}, {@code non-sargable-predicate}, {@code row-estimate-mismatch},
 * {@code top-n-full-sort}, {@code sort-spill}); {@code filesort-large}, {@code temporary-table-large},
 * {@code join-buffer} and {@code index-merge-intersect} name what only these engines report.
 */
public final class MysqlPlanRules {

  private MysqlPlanRules() {}

  public static List<PlanRule> all(MysqlPlan plan) {
    return List.of(new FullTableScanRule(plan), new RowEstimateRule(plan), new FilesortRule(plan),
        new TemporaryTableRule(plan), new JoinBufferRule(plan), new NonSargableRule(plan), new IndexMergeRule(plan),
        new InefficientLookupRule(plan));
  }

  /** An analyzer running these rules over {@code plan} with RULES.md's default thresholds. */
  public static PlanAnalyzer analyzer(MysqlPlan plan) {
    return new PlanAnalyzer(all(plan), PlanRuleSettings.defaults());
  }
}

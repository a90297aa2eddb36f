package io.querydoctor.mysql.plan.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.plan.rules.PlanContext;
import java.util.Locale;

/**
 * Starts a finding about one node of a MySQL plan with what every plan finding carries, as core's plan rules do:
 * where the node is, its share of the query's time (measured) or cost (estimated), a severity from that share, and
 * an impact to rank by.
 */
final class MysqlFindings {

  private static final double HIGH_SHARE = 0.5;
  private static final double MEDIUM_SHARE = 0.2;
  private static final double LOW_SHARE = 0.05;

  private MysqlFindings() {}

  static Finding.Builder start(PlanContext context, String ruleId, PlanNode node, String why) {
    Plan plan = context.plan();
    double millis = plan.time(node).inclusiveMillis();
    double share = plan.isAnalyzed() ? (plan.treeMillis() > 0 ? Math.min(1, millis / plan.treeMillis()) : 0)
        : inclusiveCostShare(plan, node);
    // A plan that was not run and whose costs are missing (MariaDB 10.x prints none): judge by rows, stay medium.
    Severity severity = share >= HIGH_SHARE ? Severity.HIGH : share >= MEDIUM_SHARE ? Severity.MEDIUM
        : share >= LOW_SHARE ? Severity.LOW : Severity.INFO;
    if (!plan.isAnalyzed() && plan.root().estimate().totalCost() <= 0) {
      severity = Severity.MEDIUM;
    }
    Finding.Builder builder = Finding.builder(ruleId, severity).detail(why + " Plan node: " + plan.path(node) + ".");
    if (plan.isAnalyzed()) {
      builder.evidence(Evidence.of("node_time_ms", round(millis), "ms"))
          .evidence(Evidence.of("share_of_query_time", round(share), "ratio"))
          .impact(new Impact(millis, String.format(Locale.ROOT, "%.1f ms per execution × 1 call/h assumed ", millis)
              + Impact.RATE_UNKNOWN));
    } else {
      builder.evidence(Evidence.of("share_of_plan_cost", round(share), "ratio"))
          .impact(Impact.unknown("plan not run (estimates only): no time measured"));
    }
    return builder;
  }

  /** The node's subtree cost over the plan's; MySQL's costs are per table, so the subtree sums them. */
  private static double inclusiveCostShare(Plan plan, PlanNode node) {
    double total = subtreeCost(plan.root());
    return total > 0 ? Math.min(1, subtreeCost(node) / total) : 0;
  }

  private static double subtreeCost(PlanNode node) {
    if (node.kind().isScan()) {
      return node.estimate().totalCost();
    }
    double sum = 0;
    for (PlanNode child : node.children()) {
      sum += subtreeCost(child);
    }
    return Math.max(sum, node.children().isEmpty() ? node.estimate().totalCost() : 0);
  }

  static String percent(double ratio) {
    return String.format(Locale.ROOT, ratio < 0.01 ? "%.2f %%" : "%.1f %%", ratio * 100);
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  static String count(double value) {
    return String.format(Locale.ROOT, "%,d", Math.round(value));
  }
}

package io.querydoctor.core.plan.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.report.Quantities;

/**
 * Starts a finding about one plan node with what every plan finding carries: where the node is, the time it
 * accounts for and its share of the query, a severity from that share, and an impact for ranking.
 */
final class NodeFindings {

  /** Shares of the query's time from which a plan problem is high / medium / low; below, info. */
  private static final double HIGH_SHARE = 0.5;
  private static final double MEDIUM_SHARE = 0.2;
  private static final double LOW_SHARE = 0.05;

  private NodeFindings() {}

  /**
   * A builder for {@code ruleId} about {@code node}, which accounts for {@code millis} of the query (its self
   * time, or its subtree's when the rule is about the subtree). {@code why} starts the detail; subject, title,
   * more evidence and the fix are the rule's to add.
   */
  static Finding.Builder start(PlanContext context, String ruleId, PlanNode node, double millis, String why) {
    Plan plan = context.plan();
    double share = share(plan, node, millis);
    Finding.Builder builder = Finding.builder(ruleId, severity(share))
        .detail(why + " Plan node: " + plan.path(node) + ".");
    if (plan.isAnalyzed()) {
      builder.evidence(Evidence.of("node_time_ms", round(millis), "ms"))
          .evidence(Evidence.of("share_of_query_time", round(share), "ratio"))
          .impact(impact(context, millis));
    } else if (context.meanMillis() > 0) {
      double estimated = share * context.meanMillis();
      builder.evidence(Evidence.of("share_of_plan_cost", round(share), "ratio"))
          .evidence(Evidence.of("estimated_node_time_ms", round(estimated), "ms"))
          .impact(impact(context, estimated));
    } else {
      builder.evidence(Evidence.of("share_of_plan_cost", round(share), "ratio"))
          .impact(Impact.unknown("plan not run (estimates only): no time measured"));
    }
    return builder;
  }

  /** {@code millis} over the plan's time when analyzed, else the node's own cost over the plan's. */
  static double share(Plan plan, PlanNode node, double millis) {
    if (plan.isAnalyzed()) {
      return plan.treeMillis() > 0 ? Math.min(1, millis / plan.treeMillis()) : 0;
    }
    return plan.time(node).share();
  }

  static Severity severity(double share) {
    if (share >= HIGH_SHARE) {
      return Severity.HIGH;
    }
    if (share >= MEDIUM_SHARE) {
      return Severity.MEDIUM;
    }
    return share >= LOW_SHARE ? Severity.LOW : Severity.INFO;
  }

  private static Impact impact(PlanContext context, double millis) {
    if (context.callsPerHour() > 0) {
      return new Impact(millis * context.callsPerHour(), Quantities.millis(millis) + " per execution × "
          + Quantities.number(context.callsPerHour()) + " calls/h");
    }
    // Ranking within one plan only needs the per-execution cost; one call per hour is stated, not hidden.
    return new Impact(millis, Quantities.millis(millis) + " per execution × 1 call/h assumed " + Impact.RATE_UNKNOWN);
  }

  /** The table a node reads, for subjects; falls back to the query when the node reads no table. */
  static String tableOf(PlanNode node) {
    return node.relation();
  }

  /** A ratio as a percentage precise enough to tell 0.02 % from 0 %. */
  static String percent(double ratio) {
    return String.format(java.util.Locale.ROOT, ratio < 0.01 ? "%.2f %%" : "%.1f %%", ratio * 100);
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}

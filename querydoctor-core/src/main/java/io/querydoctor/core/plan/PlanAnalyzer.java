package io.querydoctor.core.plan;

import io.querydoctor.core.plan.rules.ColumnTypes;
import io.querydoctor.core.plan.rules.PlanContext;
import io.querydoctor.core.plan.rules.PlanFinding;
import io.querydoctor.core.plan.rules.PlanRule;
import io.querydoctor.core.plan.rules.PlanRuleSettings;
import io.querydoctor.core.plan.rules.PlanRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs the plan rules over one plan. The entry point for {@code querydoctor explain} and for attaching plan
 * findings to a workload's query shapes in {@code diagnose}. Thread-safe.
 */
public final class PlanAnalyzer {

  private final List<PlanRule> rules;
  private final PlanRuleSettings settings;

  public PlanAnalyzer(List<PlanRule> rules, PlanRuleSettings settings) {
    this.rules = List.copyOf(rules);
    this.settings = settings;
  }

  /** Every rule of RULES.md with its default thresholds. */
  public static PlanAnalyzer withDefaults() {
    return new PlanAnalyzer(PlanRules.all(), PlanRuleSettings.defaults());
  }

  /**
   * Analyzes {@code plan}.
   *
   * @param query fingerprint or short name that query-level findings are about; null for "query"
   * @param callsPerHour how often the query runs, for impact; 0 when unknown
   */
  public PlanAnalysis analyze(Plan plan, String query, double callsPerHour) {
    return analyze(plan, query, callsPerHour, 0);
  }

  /**
   * Analyzes {@code plan} of a query whose measured mean execution time is known (pg_stat_statements), so
   * that a plan without ANALYZE still yields time estimates: a node's share of the cost × {@code meanMillis}.
   */
  public PlanAnalysis analyze(Plan plan, String query, double callsPerHour, double meanMillis) {
    return analyze(plan, query, callsPerHour, meanMillis, PlanContext.NO_TABLE_ROWS);
  }

  /** As above, with the tables' row counts from the catalog, so that rules can judge a plan that was not run. */
  public PlanAnalysis analyze(Plan plan, String query, double callsPerHour, double meanMillis,
      java.util.function.ToDoubleFunction<String> tableRows) {
    return analyze(plan, query, callsPerHour, meanMillis, tableRows, ColumnTypes.UNKNOWN);
  }

  /** As above, with the declared column types of the plan's tables, for rules that depend on them. */
  public PlanAnalysis analyze(Plan plan, String query, double callsPerHour, double meanMillis,
      java.util.function.ToDoubleFunction<String> tableRows, ColumnTypes columnTypes) {
    PlanContext context = new PlanContext(plan, settings, query, callsPerHour, meanMillis, tableRows, columnTypes);
    List<PlanFinding> findings = new ArrayList<>();
    for (PlanRule rule : rules) {
      findings.addAll(rule.check(context));
    }
    findings.sort(Comparator.comparingInt(f -> plan.id(f.node())));
    return new PlanAnalysis(plan, findings);
  }

  public PlanAnalysis analyze(Plan plan) {
    return analyze(plan, null, 0);
  }
}

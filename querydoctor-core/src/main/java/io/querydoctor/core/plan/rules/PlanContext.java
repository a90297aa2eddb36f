package io.querydoctor.core.plan.rules;

import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.plan.Plan;
import java.util.Objects;

/**
 * What the rules look at: the plan, the thresholds, and what the query is called in reports.
 *
 * @param plan the plan
 * @param settings thresholds
 * @param query the query's fingerprint (or a short name) that query-level findings are about
 * @param callsPerHour how often the query runs, for impact; 0 when unknown (impact is then per execution)
 * @param meanMillis the query's measured mean execution time (e.g. from pg_stat_statements), used to turn a
 *     plan without ANALYZE into time: a node's share of the plan's cost × this; 0 when unknown
 */
public record PlanContext(Plan plan, PlanRuleSettings settings, String query, double callsPerHour,
    double meanMillis) {

  public PlanContext {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(settings, "settings");
    query = query == null || query.isBlank() ? "query" : query;
  }

  public PlanContext(Plan plan, PlanRuleSettings settings, String query, double callsPerHour) {
    this(plan, settings, query, callsPerHour, 0);
  }

  public static PlanContext of(Plan plan) {
    return new PlanContext(plan, PlanRuleSettings.defaults(), null, 0);
  }

  /** Subject for findings about the query as a whole (spills, joins, sorts). */
  public Subject querySubject() {
    return Subject.fingerprint(query);
  }
}

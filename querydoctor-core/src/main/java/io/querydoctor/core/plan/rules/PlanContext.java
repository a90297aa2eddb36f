package io.querydoctor.core.plan.rules;

import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.plan.Plan;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * What the rules look at: the plan, the thresholds, and what the query is called in reports.
 *
 * @param plan the plan
 * @param settings thresholds
 * @param query the query's fingerprint (or a short name) that query-level findings are about
 * @param callsPerHour how often the query runs, for impact; 0 when unknown (impact is then per execution)
 * @param meanMillis the query's measured mean execution time (e.g. from pg_stat_statements), used to turn a
 *     plan without ANALYZE into time: a node's share of the plan's cost × this; 0 when unknown
 * @param tableRows rows in a table by the name the plan uses (the catalog's estimate), or a negative number
 *     when unknown; lets rules judge a plan that was not run, where the plan itself only has estimates
 * @param columnTypes declared column types from the catalog, or {@link ColumnTypes#UNKNOWN}
 */
public record PlanContext(Plan plan, PlanRuleSettings settings, String query, double callsPerHour,
    double meanMillis, ToDoubleFunction<String> tableRows, ColumnTypes columnTypes) {

  /** Table sizes unknown. */
  public static final ToDoubleFunction<String> NO_TABLE_ROWS = table -> -1;

  public PlanContext {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(settings, "settings");
    query = query == null || query.isBlank() ? "query" : query;
    tableRows = tableRows == null ? NO_TABLE_ROWS : tableRows;
    columnTypes = columnTypes == null ? ColumnTypes.UNKNOWN : columnTypes;
  }

  public PlanContext(Plan plan, PlanRuleSettings settings, String query, double callsPerHour, double meanMillis,
      ToDoubleFunction<String> tableRows) {
    this(plan, settings, query, callsPerHour, meanMillis, tableRows, ColumnTypes.UNKNOWN);
  }

  /**
   * The comparisons of {@code node}'s {@code condition}, with a cast to text of a column the catalog knows is not
   * text classified as the cast it is (see {@link Predicates#parse(String, String, ColumnTypes)}).
   */
  public java.util.List<Comparison> comparisons(String condition, String table) {
    return Predicates.parse(condition, table, columnTypes);
  }

  public PlanContext(Plan plan, PlanRuleSettings settings, String query, double callsPerHour, double meanMillis) {
    this(plan, settings, query, callsPerHour, meanMillis, NO_TABLE_ROWS);
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

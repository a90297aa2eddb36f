package io.querydoctor.core.plan.rules;

/**
 * The declared type of a table's column, from the catalog, for rules whose verdict depends on it: a plan prints
 * {@code (name)::text} both for a {@code varchar} column (a free coercion a plain index serves) and for an
 * integer column cast to text (which no index on the column can serve).
 *
 * <p>Called by plan rules on the thread that analyzes the plan; implementations answer from what they fetched
 * before, never block, and return null when they do not know.
 */
@FunctionalInterface
public interface ColumnTypes {

  /** Nothing known. */
  ColumnTypes UNKNOWN = (table, column) -> null;

  /**
   * The type as PostgreSQL names it ({@code integer}, {@code character varying}, {@code text}, …) of
   * {@code column} in {@code table} (the name the plan uses), or null when unknown.
   */
  String typeOf(String table, String column);
}

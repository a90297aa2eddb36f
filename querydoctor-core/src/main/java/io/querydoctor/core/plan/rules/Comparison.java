package io.querydoctor.core.plan.rules;

import java.util.Locale;
import java.util.Set;

/**
 * One comparison of a condition, {@code column op value}, with how the column is wrapped.
 *
 * @param column the column (alias qualifier removed)
 * @param operator {@code =}, {@code <}, {@code >=}, {@code ~~} (LIKE), {@code = ANY}, {@code IS NULL}, …
 * @param left the left-hand side as printed: {@code created_at}, {@code (created_at)::date}, {@code lower(email)}
 * @param right the right-hand side as printed, e.g. {@code '2024-01-01'::date}; empty for IS NULL
 * @param wrapping whether the column is used bare or inside a cast, function or arithmetic
 * @param wrapper the cast's type or the function's name; null when bare
 */
public record Comparison(String column, String operator, String left, String right, Wrapping wrapping, String wrapper) {

  /** How the column appears on the left of the comparison. */
  public enum Wrapping {
    BARE,
    CAST,
    FUNCTION,
    EXPRESSION
  }

  private static final Set<String> EQUALITY = Set.of("=", "= ANY", "IS NULL");
  private static final Set<String> RANGE = Set.of("<", "<=", ">", ">=");

  /**
   * True for a column the plan casts to a text type, taken as bare because that is how PostgreSQL prints a
   * {@code varchar} column compared with text; for a column that is not text it is a real cast.
   */
  public boolean isTextCast() {
    return wrapping == Wrapping.BARE && wrapper != null;
  }

  /** True when a plain B-tree index on the column can serve it: bare, equality or range. */
  public boolean isSargable() {
    return wrapping == Wrapping.BARE && (isEquality() || isRange());
  }

  public boolean isEquality() {
    return EQUALITY.contains(operator);
  }

  public boolean isRange() {
    return RANGE.contains(operator);
  }

  /** True when the right side is a constant or parameter rather than another column (a join). */
  public boolean comparesWithValue() {
    String r = right.strip();
    return r.isEmpty() || r.startsWith("'") || r.startsWith("$") || r.startsWith("ANY") || r.startsWith("($")
        || r.startsWith("ARRAY[") || r.startsWith("(ARRAY[")
        || Character.isDigit(r.charAt(0)) || r.startsWith("-") || r.startsWith("(") && r.contains("'")
        || r.toUpperCase(Locale.ROOT).startsWith("NULL") || r.startsWith("CURRENT_") || r.startsWith("now()");
  }
}

package io.querydoctor.core.advisor;

/**
 * One key of an {@code ORDER BY} or of an index: a column (or an expression in parentheses) and its direction.
 *
 * @param expression a column name, or an expression such as {@code lower(email)}
 * @param descending {@code DESC}
 */
public record SortKey(String expression, boolean descending) {

  public static SortKey ascending(String expression) {
    return new SortKey(expression, false);
  }

  /** How it reads in an index definition: {@code created_at DESC}, {@code (lower(email))}. */
  public String sql() {
    String key = expression.matches("[a-z_][a-z0-9_$]*") ? expression : "(" + expression + ")";
    return descending ? key + " DESC" : key;
  }
}

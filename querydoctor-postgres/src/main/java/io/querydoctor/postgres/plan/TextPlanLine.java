package io.querydoctor.postgres.plan;

import java.util.regex.Pattern;

/**
 * One line of a text plan, classified by its shape alone: a node ({@code ->  Hash Join  (cost=…)}), a sub plan
 * label ({@code InitPlan 1 (returns $0)}, {@code SubPlan 2}, {@code CTE recent}), or a detail ({@code Key: value}).
 *
 * @param number 1-based line number in the input, for messages
 * @param indent where the line starts (where the arrow is for nodes)
 * @param column where the line's content starts (after the arrow for nodes)
 * @param text the content, trimmed, without the arrow
 * @param type what the line is
 */
record TextPlanLine(int number, int indent, int column, String text, Type type) {

  enum Type { NODE, LABEL, DETAIL, OTHER }

  private static final Pattern LABEL = Pattern.compile("(InitPlan|SubPlan) \\d+.*|CTE [^:]+");
  private static final String ARROW = "->  ";

  /**
   * Classifies {@code raw}; indentation is counted in characters (PostgreSQL indents with spaces only: tabs are
   * expanded by {@link TextPlanLines} before).
   */
  static TextPlanLine of(int number, String raw) {
    int column = 0;
    while (column < raw.length() && Character.isWhitespace(raw.charAt(column))) {
      column++;
    }
    String text = raw.strip();
    if (text.startsWith(ARROW)) {
      String node = text.substring(ARROW.length()).strip();
      return new TextPlanLine(number, column, raw.indexOf(node, column), node, Type.NODE);
    }
    if (LABEL.matcher(text).matches()) {
      return new TextPlanLine(number, column, column, text, Type.LABEL);
    }
    if (text.contains(": ") || text.endsWith(":")) {
      return new TextPlanLine(number, column, column, text, Type.DETAIL);
    }
    return new TextPlanLine(number, column, column, text, Type.OTHER);
  }

  /** The label's relationship to its parent as the JSON format names it: CTEs are init plans there. */
  String relationship() {
    return text.startsWith("SubPlan") ? "SubPlan" : "InitPlan";
  }
}

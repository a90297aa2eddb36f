package io.querydoctor.mysql.plan.rules;

import io.querydoctor.core.plan.Conditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One comparison of a MySQL/MariaDB condition as the plan prints it (already without backticks and database
 * qualifiers): {@code o.customer_id = 42}, {@code soh.OrderDate between '2004-01-01' and '2004-01-31'},
 * {@code cast(p.payment_date as date) = '2005-07-30'}, {@code month(orders.created_at) = 3}.
 *
 * @param column the column, without its table qualifier
 * @param qualifier the table or alias before the column, or null
 * @param operator {@code =}, {@code <}, {@code between}, {@code like}, {@code in}, {@code is null}, … (lower case)
 * @param left the left side as printed
 * @param right the right side as printed
 * @param function the function wrapping the column ({@code cast}, {@code month}, …), or null when bare
 * @param castType for {@code cast(x as T)}, T; null otherwise
 */
record MysqlPredicate(String column, String qualifier, String operator, String left, String right, String function,
    String castType) {

  private static final Pattern COMPARISON = Pattern.compile(
      "^(?<left>.+?) (?<op>=|<=>|<>|!=|<=|>=|<|>|(?i:not between|between|not like|like|not in|in|is not null|is null))"
          + "(?<right>( .*)?)$");
  private static final Pattern COLUMN = Pattern.compile("^(?:(?<q>[A-Za-z_][\\w$]*)\\.)?(?<c>[A-Za-z_][\\w$]*)$");
  private static final Pattern FUNCTION = Pattern.compile("^(?<fn>[A-Za-z_]\\w*)\\((?<args>.*)\\)$");
  private static final Pattern CAST = Pattern.compile("^(?<col>\\S+) as (?<type>\\w+)(?:\\(.*\\))?$",
      Pattern.CASE_INSENSITIVE);

  /** The comparisons of {@code condition} joined by AND that were understood; OR groups are skipped. */
  static List<MysqlPredicate> parse(String condition) {
    List<MysqlPredicate> found = new ArrayList<>();
    if (condition == null) {
      return found;
    }
    for (String conjunct : conjuncts(strip(condition))) {
      MysqlPredicate p = comparison(strip(conjunct));
      if (p != null) {
        found.add(p);
      }
    }
    return found;
  }

  private static List<String> conjuncts(String condition) {
    List<String> parts = new ArrayList<>();
    for (String lower : Conditions.splitOutside(condition, " and ")) {
      parts.addAll(Conditions.splitOutside(lower, " AND "));
    }
    // "x between a and b" was split in two: glue the bound back.
    List<String> glued = new ArrayList<>();
    for (String part : parts) {
      if (!glued.isEmpty() && glued.get(glued.size() - 1).toLowerCase(Locale.ROOT).matches(".* between [^ ]+$")) {
        glued.set(glued.size() - 1, glued.get(glued.size() - 1) + " and " + part);
      } else {
        glued.add(part);
      }
    }
    return glued;
  }

  private static MysqlPredicate comparison(String conjunct) {
    if (conjunct.toLowerCase(Locale.ROOT).contains(" or ")) {
      return null;
    }
    Matcher m = COMPARISON.matcher(conjunct);
    if (!m.matches()) {
      return null;
    }
    String left = m.group("left").strip();
    String op = m.group("op").toLowerCase(Locale.ROOT);
    String right = m.group("right").strip();
    Matcher column = COLUMN.matcher(left);
    if (column.matches()) {
      return new MysqlPredicate(column.group("c"), column.group("q"), op, left, right, null, null);
    }
    Matcher function = FUNCTION.matcher(left);
    if (!function.matches()) {
      return null;
    }
    String fn = function.group("fn").toLowerCase(Locale.ROOT);
    String args = function.group("args").strip();
    Matcher cast = CAST.matcher(args);
    String inner = cast.matches() ? cast.group("col") : args.split(",")[0].strip();
    Matcher wrapped = COLUMN.matcher(inner);
    if (!wrapped.matches()) {
      return null;
    }
    return new MysqlPredicate(wrapped.group("c"), wrapped.group("q"), op, left, right, fn,
        cast.matches() ? cast.group("type").toLowerCase(Locale.ROOT) : null);
  }

  static String strip(String text) {
    String s = text.strip();
    while (s.startsWith("(") && s.endsWith(")") && balanced(s.substring(1, s.length() - 1))) {
      s = s.substring(1, s.length() - 1).strip();
    }
    return s;
  }

  private static boolean balanced(String text) {
    int depth = 0;
    boolean quoted = false;
    for (char c : text.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')' && --depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }

  boolean isWrapped() {
    return function != null;
  }

  /** A value, a constant or a parameter on the right, not another column (a join). */
  boolean comparesWithValue() {
    String r = right.strip();
    return r.isEmpty() || r.startsWith("'") || r.startsWith("?") || r.startsWith("(") || r.startsWith("-")
        || Character.isDigit(r.charAt(0)) || r.toLowerCase(Locale.ROOT).startsWith("null")
        || r.toLowerCase(Locale.ROOT).startsWith("<cache>");
  }

  boolean isEquality() {
    return operator.equals("=") || operator.equals("<=>") || operator.equals("in") || operator.equals("is null");
  }

  boolean isRange() {
    return List.of("<", "<=", ">", ">=", "between").contains(operator)
        || operator.equals("like") && right.startsWith("'") && !right.startsWith("'%") && !right.startsWith("'_");
  }

  /** True when a plain B-tree index on the column can look this comparison up. */
  boolean isSargable() {
    return !isWrapped() && (isEquality() || isRange());
  }
}

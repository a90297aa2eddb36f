package io.querydoctor.core.plan.rules;

import io.querydoctor.core.plan.Conditions;
import io.querydoctor.core.plan.rules.Comparison.Wrapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the comparisons out of a condition as plans print it, e.g.
 * {@code ((status = 'open'::text) AND ((created_at)::date = '2024-01-01'::date))}.
 *
 * <p>Design note: plans print deparsed expressions, fully parenthesised, with casts as {@code (x)::type}.
 * The condition is split on top-level {@code AND}; each conjunct that is a comparison is classified by its
 * left-hand side: a bare column, a cast column, a function over a column, or arithmetic. {@code OR} groups and
 * anything else unrecognised are skipped: the rules only act on what they understood. Casts to the text
 * types are treated as bare, because PostgreSQL prints {@code (varchar_col)::text} for an index-compatible
 * binary coercion.
 */
public final class Predicates {

  private static final Pattern COMPARISON = Pattern.compile(
      "^(?<left>.+?) (?<op>=|<>|<=|>=|<|>|~~\\*|~~|!~~\\*|!~~|IS NULL|IS NOT NULL)(?<right>( .*)?)$");
  private static final Pattern IDENT = Pattern.compile("[a-z_][a-z0-9_$]*(?:\\.[a-z_][a-z0-9_$]*)?");
  private static final Pattern CAST = Pattern.compile("^\\((?<col>[a-z_][\\w$.]*)\\)::(?<type>[a-z][\\w ]*)$");
  private static final Pattern FUNCTION = Pattern.compile("^(?<fn>[a-zA-Z_][\\w.]*)\\((?<args>.*)\\)$");
  private static final Set<String> TEXT_TYPES = Set.of("text", "character varying", "varchar", "bpchar", "name");
  private static final Set<String> NOT_COLUMNS = Set.of("text", "date", "timestamp", "integer", "numeric", "bigint",
      "interval", "without", "with", "time", "zone", "character", "varying", "from", "year", "month", "day",
      "hour", "minute", "second", "epoch", "dow", "week", "true", "false", "null");

  private Predicates() {}

  /** The comparisons of {@code condition} that were understood; empty for null. */
  public static List<Comparison> parse(String condition) {
    List<Comparison> comparisons = new ArrayList<>();
    if (condition == null) {
      return comparisons;
    }
    for (String conjunct : conjuncts(strip(condition))) {
      Comparison c = comparison(strip(conjunct));
      if (c != null) {
        comparisons.add(c);
      }
    }
    return comparisons;
  }

  /**
   * As {@link #parse(String)}, but a column cast to a text type is taken as bare only when it may be a text
   * column: when {@code types} says it is not ({@code (abalance)::text} of an integer), the comparison is the
   * {@link Wrapping#CAST} it is, and no plain index on the column serves it.
   */
  public static List<Comparison> parse(String condition, String table, ColumnTypes types) {
    List<Comparison> comparisons = parse(condition);
    for (int i = 0; i < comparisons.size(); i++) {
      Comparison c = comparisons.get(i);
      if (c.isTextCast() && isKnownNonText(types.typeOf(table, c.column()))) {
        comparisons.set(i, new Comparison(c.column(), c.operator(), c.left(), c.right(), Wrapping.CAST, c.wrapper()));
      }
    }
    return comparisons;
  }

  /** True for the text types a plan prints casts to ({@code text}, {@code character varying}, …). */
  static boolean isTextType(String type) {
    return type != null && TEXT_TYPES.contains(type);
  }

  /** True for a declared type that is not one of the text types (unknown is not "not text"). */
  static boolean isKnownNonText(String type) {
    if (type == null) {
      return false;
    }
    String base = type.replaceAll("\\(.*\\)", "").strip();
    return !TEXT_TYPES.contains(base) && !base.equals("character");
  }

  private static List<String> conjuncts(String condition) {
    return Conditions.splitOutside(condition, " AND ");
  }

  private static Comparison comparison(String conjunct) {
    if (topLevelContains(conjunct, " OR ")) {
      return null;
    }
    Matcher m = COMPARISON.matcher(conjunct);
    if (!m.matches()) {
      return null;
    }
    String left = m.group("left").strip();
    String op = m.group("op");
    String right = m.group("right").strip();
    if (op.equals("=") && right.startsWith("ANY ")) {
      op = "= ANY";
      right = right.substring(4).strip();
    }
    return classify(left, op, right);
  }

  private static Comparison classify(String left, String op, String right) {
    if (IDENT.matcher(left).matches()) {
      return new Comparison(unqualified(left), op, left, right, Wrapping.BARE, null);
    }
    Matcher cast = CAST.matcher(left);
    if (cast.matches()) {
      String type = cast.group("type").strip();
      Wrapping wrapping = TEXT_TYPES.contains(type) ? Wrapping.BARE : Wrapping.CAST;
      return new Comparison(unqualified(cast.group("col")), op, left, right, wrapping, type);
    }
    Matcher function = FUNCTION.matcher(left);
    if (function.matches() && balanced(function.group("args"))) {
      String column = lastColumn(function.group("args"));
      return column == null ? null
          : new Comparison(column, op, left, right, Wrapping.FUNCTION, function.group("fn").toLowerCase(Locale.ROOT));
    }
    String inner = strip(left);
    if (!inner.equals(left) && inner.matches(".*[-+*/%|].*")) {
      String column = lastColumn(inner);
      return column == null ? null : new Comparison(column, op, left, right, Wrapping.EXPRESSION, null);
    }
    return null;
  }

  /** The last identifier outside quotes that is not a type or keyword: the column a function wraps. */
  private static String lastColumn(String text) {
    String unquoted = text.replaceAll("'[^']*'", "''");
    Matcher m = IDENT.matcher(unquoted);
    String found = null;
    while (m.find()) {
      boolean typeName = m.start() >= 2 && unquoted.startsWith("::", m.start() - 2);
      boolean call = m.end() < unquoted.length() && unquoted.charAt(m.end()) == '(';
      String word = m.group();
      if (!typeName && !call && !NOT_COLUMNS.contains(word)) {
        found = word;
      }
    }
    return found == null ? null : unqualified(found);
  }

  static String unqualified(String column) {
    int dot = column.lastIndexOf('.');
    return dot < 0 ? column : column.substring(dot + 1);
  }

  /** Removes parentheses that enclose the whole text. */
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
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
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

  private static boolean topLevelContains(String text, String word) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0 && text.startsWith(word, i)) {
        return true;
      }
    }
    return false;
  }
}

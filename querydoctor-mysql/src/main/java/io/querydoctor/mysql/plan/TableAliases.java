package io.querydoctor.mysql.plan;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables behind the aliases of a statement ({@code FROM orders o JOIN customers AS c}), because both engines
 * name a table access by its alias in plans, and a fix must name the table. A scan of FROM/JOIN clauses, not a
 * parser: an alias it cannot resolve stays as the plan named it.
 */
public final class TableAliases {

  private static final Pattern TABLE_REF = Pattern.compile(
      "(?i)\\b(?:from|join|straight_join|,)\\s+(?:`?(?<db>\\w+)`?\\.)?`?(?<table>\\w+)`?(?:\\s+(?:as\\s+)?`?(?<alias>\\w+)`?)?");
  private static final Set<String> KEYWORDS = Set.of("where", "join", "inner", "left", "right", "cross", "on", "using",
      "group", "order", "limit", "straight_join", "natural", "having", "union", "for", "lock", "window", "set", "select",
      "outer", "force", "use", "ignore", "partition", "from", "as");

  private TableAliases() {}

  /** Alias → table for every aliased table of {@code sql}. */
  public static Map<String, String> of(String sql) {
    Map<String, String> aliases = new HashMap<>();
    // The select list's commas are not table lists: start at the first FROM.
    Matcher from = Pattern.compile("(?i)\\bfrom\\b").matcher(sql);
    Matcher m = TABLE_REF.matcher(from.find() ? sql.substring(from.start()) : sql);
    while (m.find()) {
      String alias = m.group("alias");
      if (alias != null && !KEYWORDS.contains(alias.toLowerCase(Locale.ROOT))) {
        aliases.put(alias, m.group("table"));
      }
    }
    return aliases;
  }
}

package io.querydoctor.core.digest;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The tables a normalized statement reads ({@code FROM t}, {@code JOIN t}) or writes ({@code UPDATE t},
 * {@code INSERT INTO t}, {@code DELETE FROM t}), read from its words. A heuristic, not a parser, for the
 * cacheability rule, root-cause merging and the verification's examples: the first table of a comma-separated
 * FROM list and derived tables are missed, which can only make them quieter.
 */
public final class StatementTables {

  private StatementTables() {}

  /**
   * A table name as the sources can agree on it: no quotes, lower case, without the default schema. Capture
   * sees {@code orders}, the catalog {@code public.orders}, a plan {@code "Orders"}.
   */
  public static String plain(String name) {
    String plain = name.replace("\"", "").strip().toLowerCase(Locale.ROOT);
    return plain.startsWith("public.") ? plain.substring("public.".length()) : plain;
  }

  public static Set<String> read(String normalized) {
    return after(normalized, "FROM", "JOIN");
  }

  public static Set<String> written(String normalized) {
    String[] words = words(normalized);
    Set<String> tables = new LinkedHashSet<>();
    for (int i = 0; i + 1 < words.length; i++) {
      String word = words[i].toUpperCase(Locale.ROOT);
      String next = words[i + 1].toUpperCase(Locale.ROOT);
      if (i == 0 && word.equals("UPDATE")) {
        tables.add(table(words[1]));
      } else if (word.equals("INSERT") && next.equals("INTO") && i + 2 < words.length) {
        tables.add(table(words[i + 2]));
      } else if (i == 0 && word.equals("DELETE") && next.equals("FROM") && i + 2 < words.length) {
        tables.add(table(words[i + 2]));
      }
    }
    tables.remove("");
    return tables;
  }

  private static Set<String> after(String normalized, String... keywords) {
    String[] words = words(normalized);
    Set<String> tables = new LinkedHashSet<>();
    for (int i = 0; i + 1 < words.length; i++) {
      for (String keyword : keywords) {
        if (words[i].equalsIgnoreCase(keyword) && !words[i + 1].startsWith("(")) {
          tables.add(table(words[i + 1]));
        }
      }
    }
    tables.remove("");
    return tables;
  }

  private static String[] words(String normalized) {
    return normalized.replace("(", " ( ").replace(")", " ) ").replace(",", " , ").trim().split("\\s+");
  }

  /** Lower-case, without quotes, backquotes and a trailing semicolon, so reads and writes compare. */
  private static String table(String word) {
    String name = word.replace("\"", "").replace("`", "");
    if (name.endsWith(";")) {
      name = name.substring(0, name.length() - 1);
    }
    return name.equals("(") ? "" : name.toLowerCase(Locale.ROOT);
  }
}

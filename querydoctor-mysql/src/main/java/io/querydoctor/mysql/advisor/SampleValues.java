package io.querydoctor.mysql.advisor;

import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values for the {@code ?} of a normalized statement, so that MySQL and MariaDB can plan it: their
 * {@code EXPLAIN} takes only SQL text, and the statement shapes of a slow log's digest and of a JDBC capture hold
 * {@code ?} where the values were (PostgreSQL plans such shapes generically instead).
 *
 * <p>Design note. What a plan depends on is that the value has the compared column's type, so the optimizer can
 * use an index on it (a string column compared with a number cannot); the value itself only moves the row estimate
 * of one index dive. So each {@code ?} gets a constant of the type of the column it is compared with (the
 * identifier before the operator, {@code IN (…}, {@code BETWEEN … AND}): a number for numeric columns, a date for
 * temporal ones, a quoted {@code '1'} otherwise — which a numeric column also accepts; {@code LIMIT ?} gets 10 and
 * {@code OFFSET ?} 0. Quotes, backquotes and comments are copied as they are.
 */
public final class SampleValues {

  /** The identifier a {@code ?} is compared with, at the end of the text before it. */
  private static final Pattern COMPARED = Pattern.compile("(?is)`?([A-Za-z_][\\w$]*)`?\\s*(?:=|<=>|<>|!=|<=|>=|<|>"
      + "|(?:NOT\\s+)?LIKE|(?:NOT\\s+)?BETWEEN(?:\\s+(?:'[^']*'|\\S+)\\s+AND)?|(?:NOT\\s+)?IN\\s*\\((?:[^()]*,)?)\\s*$");
  private static final Pattern LIMIT = Pattern.compile("(?is)\\bLIMIT\\s*(?:\\S+\\s*,\\s*)?$");
  private static final Pattern OFFSET = Pattern.compile("(?is)\\bOFFSET\\s*$");
  /** How far back the compared identifier is looked for: an IN list of a few values, a BETWEEN. */
  private static final int LOOK_BACK = 200;

  private SampleValues() {}

  /**
   * {@code sql} with each {@code ?} outside quotes and comments replaced by a constant.
   *
   * @param columnType the MySQL {@code data_type} of a column by lower-case name, or {@code null} when unknown
   */
  public static String fill(String sql, Function<String, String> columnType) {
    if (sql.indexOf('?') < 0) {
      return sql;
    }
    StringBuilder out = new StringBuilder(sql.length() + 16);
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      int end = skipQuoted(sql, i);
      if (end > i) {
        out.append(sql, i, end);
        i = end;
      } else if (c == '?') {
        out.append(value(out, columnType));
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static String value(StringBuilder before, Function<String, String> columnType) {
    String tail = before.substring(Math.max(0, before.length() - LOOK_BACK));
    if (LIMIT.matcher(tail).find()) {
      return "10";
    }
    if (OFFSET.matcher(tail).find()) {
      return "0";
    }
    Matcher compared = COMPARED.matcher(tail);
    String type = compared.find() ? columnType.apply(compared.group(1).toLowerCase(Locale.ROOT)) : null;
    return constantOf(type == null ? "" : type.toLowerCase(Locale.ROOT));
  }

  private static String constantOf(String type) {
    return switch (type) {
      case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric", "float", "double",
          "bit", "year" -> "1";
      case "date" -> "'2000-01-01'";
      case "datetime", "timestamp" -> "'2000-01-01 00:00:00'";
      case "time" -> "'00:00:00'";
      default -> "'1'";
    };
  }

  /** The index just past the quoted text or comment starting at {@code i}, or {@code i} when none starts there. */
  private static int skipQuoted(String sql, int i) {
    char c = sql.charAt(i);
    if (c == '\'' || c == '"' || c == '`') {
      int j = i + 1;
      while (j < sql.length()) {
        char d = sql.charAt(j);
        if (d == '\\' && c != '`') {
          j += 2;
        } else if (d == c) {
          if (j + 1 < sql.length() && sql.charAt(j + 1) == c) {
            j += 2;
          } else {
            return j + 1;
          }
        } else {
          j++;
        }
      }
      return sql.length();
    }
    if (c == '#' || (c == '-' && sql.startsWith("-- ", i))) {
      int newline = sql.indexOf('\n', i);
      return newline < 0 ? sql.length() : newline;
    }
    if (c == '/' && sql.startsWith("/*", i)) {
      int close = sql.indexOf("*/", i + 2);
      return close < 0 ? sql.length() : close + 2;
    }
    return i;
  }
}

package io.querydoctor.cli;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a statement has a plan PostgreSQL's {@code EXPLAIN} can show: {@code EXPLAIN} accepts only
 * {@code SELECT}, {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE}, {@code VALUES}, {@code TABLE},
 * {@code EXECUTE}, {@code DECLARE}, {@code CREATE TABLE … AS} and {@code CREATE MATERIALIZED VIEW … AS} (and
 * {@code WITH} before the first five). Anything else (DDL, {@code VACUUM}, {@code GRANT}) would get the server's
 * bare "syntax error at or near", so it is refused before connecting, in words. Looks only at the first keyword
 * after comments and parentheses; whether the statement is safe to run is decided elsewhere (the safe executor).
 */
final class ExplainableStatement {

  private static final Set<String> WITH_PLAN =
      Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES", "TABLE", "WITH", "EXECUTE", "DECLARE");

  private ExplainableStatement() {}

  /** Throws a {@link UserError} naming the statement's kind when {@code sql} has no plan to explain. */
  static void check(String sql) {
    String rest = withoutLeadingComments(sql);
    String keyword = firstWord(rest);
    if (keyword.isEmpty() || WITH_PLAN.contains(keyword)) {
      return;
    }
    if (keyword.equals("CREATE") && createsFromAQuery(rest)) {
      return;
    }
    String kind = keyword.equals("CREATE") || keyword.equals("DROP") || keyword.equals("ALTER")
        ? keyword + " " + firstWord(rest.substring(keyword.length()).stripLeading()) : keyword;
    throw new UserError(kind + " has no plan to explain: EXPLAIN shows plans of SELECT, INSERT, UPDATE, DELETE, "
        + "MERGE, VALUES, TABLE, EXECUTE and CREATE TABLE … AS SELECT only");
  }

  /** {@code CREATE [TEMP] TABLE t AS …} and {@code CREATE MATERIALIZED VIEW v AS …}: a query's plan. */
  private static boolean createsFromAQuery(String create) {
    String upper = " " + create.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ") + " ";
    return (upper.contains(" TABLE ") || upper.contains(" MATERIALIZED VIEW ")) && upper.contains(" AS ")
        && !upper.contains(" FUNCTION ") && !upper.contains(" PROCEDURE ");
  }

  private static String firstWord(String text) {
    int end = 0;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    return text.substring(0, end).toUpperCase(Locale.ROOT);
  }

  /** {@code sql} from its first keyword: white space, {@code --} and (nested) block comments, and {@code (} skipped. */
  private static String withoutLeadingComments(String sql) {
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int newline = sql.indexOf('\n', i);
        i = newline < 0 ? sql.length() : newline + 1;
      } else if (sql.startsWith("/*", i)) {
        i = afterBlockComment(sql, i);
      } else {
        break;
      }
    }
    return sql.substring(i);
  }

  private static int afterBlockComment(String sql, int start) {
    int depth = 0;
    int i = start;
    while (i < sql.length()) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return sql.length();
  }
}

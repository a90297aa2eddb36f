package io.querydoctor.mysql.workload;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * performance_schema's digest text back into SQL an application could have sent, so that its fingerprint is
 * the one the capture layer and the slow log give the same statement. The server backquotes names
 * ({@code SELECT `a` FROM `t`}) and writes names that are also words of its grammar in upper case without
 * quotes ({@code ID}, {@code NAME}); the fingerprinter keeps MySQL names as written and upper-cases only its
 * own keyword list. So: a backquoted plain name loses its quotes unless it is a reserved word, and an upper-case
 * word that is not a function call (or is a table name before a column list, {@code INTO ACCOUNT (}) is
 * lower-cased (the fingerprinter upper-cases it again if it is a keyword).
 * An application that writes its names in upper case still gets a different fingerprint; that is rare.
 */
public final class DigestText {

  private static final Pattern QUOTED_NAME = Pattern.compile("`([A-Za-z_][A-Za-z0-9_$]*)`");
  private static final Pattern UPPER_WORD = Pattern.compile(
      "(?<![@.`\\w])([A-Z][A-Z0-9_]*)\\b(?!\\s*\\()|(?<=\\b(?:INTO|TABLE|JOIN|FROM|UPDATE) )([A-Z][A-Z0-9_]*)\\b");
  /** Names that must stay quoted because they are reserved (a column called {@code order}). */
  private static final Set<String> RESERVED = Set.of("select", "from", "where", "order", "group", "by", "limit",
      "key", "index", "table", "values", "insert", "update", "delete", "join", "on", "and", "or", "not", "in", "is",
      "null", "as", "desc", "asc", "having", "union", "all", "distinct", "case", "when", "then", "else", "set",
      "into", "left", "right", "inner", "outer", "cross", "like", "between", "exists", "interval", "range", "rank",
      "row", "rows", "usage", "lock", "read", "write", "check", "column", "default");

  private DigestText() {}

  public static String toSql(String digestText) {
    if (digestText == null) {
      return "";
    }
    Matcher upper = UPPER_WORD.matcher(digestText);
    StringBuilder lowered = new StringBuilder(digestText.length());
    while (upper.find()) {
      String word = upper.group(1) != null ? upper.group(1) : upper.group(2);
      upper.appendReplacement(lowered, word.toLowerCase(Locale.ROOT));
    }
    upper.appendTail(lowered);
    Matcher quoted = QUOTED_NAME.matcher(lowered);
    StringBuilder sql = new StringBuilder(lowered.length());
    while (quoted.find()) {
      String name = quoted.group(1);
      quoted.appendReplacement(sql, Matcher.quoteReplacement(
          RESERVED.contains(name.toLowerCase(Locale.ROOT)) ? quoted.group() : name));
    }
    quoted.appendTail(sql);
    return sql.toString().strip();
  }
}

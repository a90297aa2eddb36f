package io.querydoctor.core.sql;

import java.util.Locale;
import java.util.Set;

/**
 * Replaces the literal values in text that is, or contains, SQL with {@code ?}, leaving everything else as it
 * was (unlike {@link SqlFingerprinter#redact}, which also normalizes spacing and case).
 *
 * <p>Design note. It reuses the fingerprinter's lexemes ({@link SqlLexemes}) in one pass over the chars.
 * <ul>
 *   <li>{@link #sql} is for text that is SQL (a statement, a plan's filter or index condition): every string
 *       ({@code '…'}, {@code E'…'}, {@code B'…'}, {@code X'…'}, {@code N'…'}, {@code U&'…'}, {@code $tag$…$tag$})
 *       and every number that is not part of a name becomes {@code ?}. Quoted identifiers, bind markers
 *       ({@code $1}), comments and keywords stay.
 *   <li>{@link #prose} is for sentences that may quote SQL (a finding's title and detail, a log line). A number
 *       there is only a literal in SQL context: after {@code LIMIT}/{@code OFFSET}, inside
 *       {@code IN (…)}/{@code VALUES (…)}, before a {@code ::} cast, or after a comparison operator when SQL goes
 *       on after it (a bracket, an upper-case keyword, {@code and}/{@code or}, the end of the text) — so
 *       "9,990 rows" and "max_connections = 100 with 3 reserved" stay. A
 *       single-quoted string is a literal when an operator, an opening bracket, a comma or a SQL keyword comes
 *       before it, when it is followed by {@code ::}, or when it has a string prefix ({@code E'…'}) — so the
 *       "runs of 'GET /users'" of a sentence stays and an apostrophe inside a word is never a quote. Text in
 *       backticks is code and is redacted as {@link #sql}. Dollar-quoted strings are literals anywhere.
 * </ul>
 * Never throws; an unterminated string is redacted to the end of the text (the safe side).
 */
public final class LiteralRedactor {

  /** What a literal becomes. */
  public static final String MARK = "?";

  /** Keywords after which a quoted string or a number is a value. */
  private static final Set<String> VALUE_KEYWORDS = Set.of("LIMIT", "OFFSET", "IN", "VALUES", "LIKE", "ILIKE",
      "BETWEEN", "AND", "OR", "THEN", "ELSE", "WHEN", "SET", "SELECT", "IS", "NOT", "ANY", "ALL", "FETCH", "CASE",
      "RETURN", "DEFAULT", "TO", "SIMILAR", "INTERVAL", "DATE", "TIMESTAMP", "TIME", "ESCAPE");

  private LiteralRedactor() {}

  /** {@code sql} with every literal value replaced by {@code ?}; {@code null} stays {@code null}. */
  public static String sql(String sql) {
    return sql == null ? null : new Scan(sql.toCharArray(), true).run();
  }

  /** {@code text} with the literal values of the SQL it quotes replaced by {@code ?}; {@code null} stays. */
  public static String prose(String text) {
    return text == null ? null : new Scan(text.toCharArray(), false).run();
  }

  /** One pass over one text. */
  private static final class Scan {
    private final char[] s;
    private final boolean allSql;
    private final StringBuilder out;
    private boolean inBackticks;
    /** Depth of the brackets opened by {@code IN (} or {@code VALUES (} in prose; values inside are literals. */
    private int valueListDepth;
    private int depth;

    Scan(char[] s, boolean allSql) {
      this.s = s;
      this.allSql = allSql;
      this.out = new StringBuilder(s.length);
    }

    String run() {
      int i = 0;
      while (i < s.length) {
        i = step(i);
      }
      return out.toString();
    }

    private boolean sqlMode() {
      return allSql || inBackticks || valueListDepth > 0;
    }

    private int step(int i) {
      char c = s[i];
      if (c == '`' && !allSql) {
        inBackticks = !inBackticks;
        out.append(c);
        return i + 1;
      }
      if (c == '-' && i + 1 < s.length && s[i + 1] == '-' && sqlMode()) {
        return copy(i, SqlLexemes.lineComment(s, i));
      }
      if (c == '/' && i + 1 < s.length && s[i + 1] == '*') {
        return copy(i, SqlLexemes.blockComment(s, i, true));
      }
      if (c == '\'') {
        return string(i, i, false);
      }
      if (c == '"' && sqlMode()) {
        return copy(i, SqlLexemes.quoted(s, i, false));
      }
      if (c == '$') {
        int bodyStart = SqlLexemes.dollarTag(s, i);
        if (bodyStart > 0 && (i == 0 || !SqlLexemes.isIdentifierPart(s[i - 1]))) {
          out.append(MARK);
          return SqlLexemes.dollarQuoted(s, i, bodyStart);
        }
        return copy(i, i + 1 + digitsAfter(i + 1));
      }
      if (Character.isDigit(c) || (c == '.' && i + 1 < s.length && Character.isDigit(s[i + 1]))) {
        return number(i);
      }
      if (SqlLexemes.isIdentifierStart(c)) {
        return word(i);
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (valueListDepth > 0 && depth == valueListDepth && !anotherRowFollows(i + 1)) {
          valueListDepth = 0;
        }
        depth = Math.max(0, depth - 1);
      }
      out.append(c);
      return i + 1;
    }

    private int digitsAfter(int i) {
      int n = 0;
      while (i + n < s.length && Character.isDigit(s[i + n])) {
        n++;
      }
      return n;
    }

    /** A word; a string prefix (E, B, X, N, U&) directly before a quote makes the string a literal. */
    private int word(int i) {
      int end = SqlLexemes.word(s, i);
      String word = new String(s, i, end - i);
      String upper = word.toUpperCase(Locale.ROOT);
      boolean prefix = upper.equals("E") || upper.equals("B") || upper.equals("X") || upper.equals("N");
      if (prefix && end < s.length && s[end] == '\'') {
        return string(i, end, upper.equals("E"));
      }
      if (upper.equals("U") && end + 1 < s.length && s[end] == '&' && s[end + 1] == '\'') {
        return string(i, end + 1, false);
      }
      if ((upper.equals("IN") || upper.equals("VALUES")) && !allSql) {
        int next = skipSpaces(end);
        if (next < s.length && s[next] == '(') {
          out.append(word).append(s, end, next - end).append('(');
          depth++;
          if (valueListDepth == 0) {
            valueListDepth = depth;
          }
          return next + 1;
        }
      }
      out.append(word);
      return end;
    }

    /** A quoted string whose prefix starts at {@code start} and whose opening quote is at {@code quote}. */
    private int string(int start, int quote, boolean backslashEscapes) {
      int end = SqlLexemes.pgString(s, quote, backslashEscapes);
      boolean prefixed = quote > start;
      if (sqlMode() || prefixed || valueBefore(start) || castAfter(end)) {
        out.append(MARK);
        return end;
      }
      if (start > 0 && SqlLexemes.isIdentifierPart(s[start - 1])) {
        out.append('\'');
        return start + 1;
      }
      return copy(start, end);
    }

    private int number(int i) {
      int end = SqlLexemes.number(s, i);
      if (i > 0 && (SqlLexemes.isIdentifierPart(s[i - 1]) || s[i - 1] == '.')) {
        return copy(i, end);
      }
      if (end < s.length && SqlLexemes.isIdentifierStart(s[end])) {
        // 8kB, 3rd, 10ms: a quantity in words, not a SQL number.
        return copy(i, end);
      }
      if (sqlMode() || (valueBefore(i) && (keywordBefore(i) || sqlAfter(end))) || castAfter(end)) {
        int signStart = out.length() - 1;
        if (signStart >= 0 && (out.charAt(signStart) == '-' || out.charAt(signStart) == '+') && unarySign(signStart)) {
          out.setLength(signStart);
        }
        out.append(MARK);
        return end;
      }
      return copy(i, end);
    }

    /** True if the sign written at {@code at} is unary: an operator or bracket, not a value, comes before it. */
    private boolean unarySign(int at) {
      int k = at - 1;
      while (k >= 0 && Character.isWhitespace(out.charAt(k))) {
        k--;
      }
      return k < 0 || "=<>!(,[".indexOf(out.charAt(k)) >= 0;
    }

    /** In prose: does a comparison operator, a bracket or comma in SQL, or a value keyword come just before? */
    private boolean valueBefore(int i) {
      int k = i - 1;
      while (k >= 0 && Character.isWhitespace(s[k])) {
        k--;
      }
      if (k >= 0 && (s[k] == '-' || s[k] == '+') && k + 1 == i) {
        k--;
        while (k >= 0 && Character.isWhitespace(s[k])) {
          k--;
        }
      }
      if (k < 0) {
        return false;
      }
      char c = s[k];
      if ("=<>!~".indexOf(c) >= 0) {
        return true;
      }
      if (c == '(' || c == '[' || c == ',') {
        return s[i] == '\'';
      }
      if (Character.isLetter(c)) {
        int wordEnd = k + 1;
        while (k >= 0 && SqlLexemes.isIdentifierPart(s[k])) {
          k--;
        }
        String word = new String(s, k + 1, wordEnd - k - 1);
        return word.equals(word.toUpperCase(Locale.ROOT)) && VALUE_KEYWORDS.contains(word);
      }
      return false;
    }

    /** In prose: is the word just before {@code i} (LIMIT, IN, …) what makes the number a value? */
    private boolean keywordBefore(int i) {
      int k = i - 1;
      while (k >= 0 && (Character.isWhitespace(s[k]) || s[k] == '-' || s[k] == '+')) {
        k--;
      }
      return k >= 0 && Character.isLetter(s[k]);
    }

    /**
     * In prose, after a comparison: does SQL go on after the number ({@code )}, an upper-case keyword,
     * {@code and}/{@code or}, the end)? "max_connections = 100 with 3 reserved" and "rows = 9,990 rows" are
     * sentences; "(id = 42)" and "id = 42 AND …" are SQL.
     */
    private boolean sqlAfter(int end) {
      int k = skipSpaces(end);
      if (k >= s.length) {
        return true;
      }
      char c = s[k];
      if (c == ',' && k + 1 < s.length && Character.isDigit(s[k + 1]) && k == end) {
        return false;
      }
      if (Character.isLetter(c)) {
        int wordEnd = SqlLexemes.word(s, k);
        String word = new String(s, k, wordEnd - k);
        return word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT)) || word.equals("and")
            || word.equals("or");
      }
      return true;
    }

    private boolean castAfter(int end) {
      return end + 1 < s.length && s[end] == ':' && s[end + 1] == ':';
    }

    /** {@code ), (} continues a VALUES list with another row. */
    private boolean anotherRowFollows(int i) {
      int k = skipSpaces(i);
      if (k >= s.length || s[k] != ',') {
        return false;
      }
      k = skipSpaces(k + 1);
      return k < s.length && s[k] == '(';
    }

    private int skipSpaces(int i) {
      while (i < s.length && Character.isWhitespace(s[i])) {
        i++;
      }
      return i;
    }

    private int copy(int from, int to) {
      out.append(s, from, to - from);
      return to;
    }
  }
}

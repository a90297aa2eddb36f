package io.querydoctor.postgres.plan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQL statement the user wants explained, checked before anything reaches the database.
 *
 * <p>Design note: the checks need to know what is code and what is text, so the statement is lexed once
 * into a "code mask": the same string with the contents of quoted literals, quoted identifiers,
 * dollar-quoted bodies and comments blanked out. Every check (one statement only, what the statement does,
 * parameter markers) then runs over the mask, so a {@code ;} or {@code DELETE} inside a string literal
 * neither refuses nor misclassifies a query. It is a lexer, not a parser: classification errs towards
 * "writes", and the read-only transaction the statement runs in is the real guarantee.
 */
public final class StatementText {

  private static final Pattern WRITE_WORDS = Pattern.compile(
      "\\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|CREATE|DROP|ALTER|GRANT|REVOKE|COPY|CALL|DO|VACUUM|CLUSTER"
          + "|REINDEX|REFRESH|LOCK|INTO|NEXTVAL|SETVAL)\\b");
  private static final Pattern ROW_LOCK = Pattern.compile("\\bFOR\\s+(NO\\s+KEY\\s+UPDATE|UPDATE|SHARE|KEY\\s+SHARE)\\b");
  private static final Pattern POSITIONAL = Pattern.compile("\\$\\d+");
  private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_$]*)\\s*\\(");
  private static final Pattern FIRST_WORD = Pattern.compile("^[\\s(]*([A-Za-z]+)");

  private final String sql;
  private final String code;

  private StatementText(String sql, String code) {
    this.sql = sql;
    this.code = code;
  }

  /**
   * Checks {@code input} is exactly one statement (a trailing {@code ;} is allowed) and returns it without
   * the trailing terminator; throws {@link IllegalArgumentException} with a one-line reason otherwise.
   */
  public static StatementText of(String input) {
    if (input == null || input.isBlank()) {
      throw new IllegalArgumentException("no SQL statement given");
    }
    String code = mask(input);
    int end = code.length();
    while (end > 0 && (Character.isWhitespace(code.charAt(end - 1)) || code.charAt(end - 1) == ';')) {
      end--;
    }
    if (end == 0) {
      throw new IllegalArgumentException("no SQL statement given");
    }
    if (code.substring(0, end).indexOf(';') >= 0) {
      throw new IllegalArgumentException("refusing to explain several statements chained with ';': give one statement");
    }
    StatementText text = new StatementText(input.substring(0, end).strip(), code.substring(0, end).strip());
    if ("EXPLAIN".equals(text.firstWord())) {
      throw new IllegalArgumentException("give the statement itself, not an EXPLAIN of it");
    }
    return text;
  }

  /** The statement, without a trailing {@code ;}. */
  public String sql() {
    return sql;
  }

  /** The first keyword, upper-case: {@code SELECT}, {@code WITH}, {@code UPDATE}, … */
  public String firstWord() {
    Matcher m = FIRST_WORD.matcher(code);
    return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : "";
  }

  /**
   * True when the statement only reads: a SELECT, VALUES, TABLE or WITH query with no data-modifying word
   * (INSERT/UPDATE/DELETE/MERGE in a CTE, SELECT INTO, nextval) and no row lock ({@code FOR UPDATE}).
   */
  public boolean isReadOnly() {
    String first = firstWord();
    if (!(first.equals("SELECT") || first.equals("WITH") || first.equals("VALUES") || first.equals("TABLE"))) {
      return false;
    }
    String upper = code.toUpperCase(Locale.ROOT);
    return !WRITE_WORDS.matcher(upper).find() && !ROW_LOCK.matcher(upper).find();
  }

  /** True when the statement has {@code $1}-style parameter markers. */
  public boolean hasPositionalParameters() {
    return POSITIONAL.matcher(code).find();
  }

  /** The highest {@code $n} parameter number in the statement (outside literals and comments), 0 when none. */
  public int highestParameter() {
    Matcher m = POSITIONAL.matcher(code);
    int highest = 0;
    while (m.find()) {
      String digits = m.group().substring(1);
      highest = Math.max(highest, digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits));
    }
    return highest;
  }

  /**
   * Lower-case names written as calls ({@code name(}) outside literals and comments, with the schema part
   * dropped: the candidates a caller checks against the catalog for volatile functions. Includes keywords that
   * take parentheses ({@code in}, {@code any}), which name no function.
   */
  public java.util.Set<String> calledNames() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    Matcher m = CALL.matcher(code);
    while (m.find()) {
      names.add(m.group(1).toLowerCase(Locale.ROOT));
    }
    return names;
  }

  /** Rewrites JDBC {@code ?} placeholders (outside literals and comments) as {@code $1, $2, …}. */
  public StatementText withPositionalParameters() {
    StringBuilder out = new StringBuilder(sql.length() + 8);
    StringBuilder outCode = new StringBuilder(code.length() + 8);
    int n = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      boolean placeholder = code.charAt(i) == '?' && !isOperatorContext(i);
      if (placeholder) {
        String marker = "$" + (++n);
        out.append(marker);
        outCode.append(marker);
      } else {
        out.append(c);
        outCode.append(code.charAt(i));
      }
    }
    return new StatementText(out.toString(), outCode.toString());
  }

  /** {@code ?|}, {@code ?&} and {@code ??} are operators (jsonb), not placeholders. */
  private boolean isOperatorContext(int i) {
    char next = i + 1 < code.length() ? code.charAt(i + 1) : ' ';
    char previous = i > 0 ? code.charAt(i - 1) : ' ';
    return next == '|' || next == '&' || next == '?' || previous == '?';
  }

  /** The statement with literals, quoted identifiers and comments blanked to spaces, same length. */
  static String mask(String sql) {
    char[] out = sql.toCharArray();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        i = blankQuoted(sql, out, i, c);
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = blank(out, i, end < 0 ? n : end);
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = blankBlockComment(sql, out, i);
      } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
        i = blankDollarQuoted(sql, out, i);
      } else {
        i++;
      }
    }
    return new String(out);
  }

  private static int blankQuoted(String sql, char[] out, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        blank(out, start + 1, i);
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException("unterminated " + (quote == '\'' ? "string literal" : "quoted identifier")
        + " starting at character " + (start + 1));
  }

  private static int blankBlockComment(String sql, char[] out, int start) {
    int depth = 0;
    int i = start;
    while (i < sql.length() - 1) {
      if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
        depth++;
        i += 2;
      } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
        depth--;
        i += 2;
        if (depth == 0) {
          return blank(out, start, i);
        }
      } else {
        i++;
      }
    }
    throw new IllegalArgumentException("unterminated /* comment starting at character " + (start + 1));
  }

  /** End (exclusive) of a {@code $tag$} opening at {@code i}, or -1 when {@code $} starts no tag ({@code $1}). */
  private static int dollarTagEnd(String sql, int i) {
    int j = i + 1;
    if (j < sql.length() && Character.isDigit(sql.charAt(j))) {
      return -1;
    }
    while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
      j++;
    }
    return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
  }

  private static int blankDollarQuoted(String sql, char[] out, int start) {
    int tagEnd = dollarTagEnd(sql, start);
    String tag = sql.substring(start, tagEnd);
    int close = sql.indexOf(tag, tagEnd);
    if (close < 0) {
      throw new IllegalArgumentException("unterminated " + tag + " quoted text starting at character " + (start + 1));
    }
    blank(out, tagEnd, close);
    return close + tag.length();
  }

  private static int blank(char[] out, int from, int to) {
    for (int k = from; k < to; k++) {
      if (out[k] != '\n') {
        out[k] = ' ';
      }
    }
    return to;
  }
}

package io.querydoctor.core.sql;

import java.util.Objects;

/**
 * Turns a SQL statement into its {@link Fingerprint}: the statement with literals replaced by {@code ?}, plus
 * a stable 64-bit id of that text and the statement's {@link StatementShape}.
 *
 * <p>Design note. This is a lexer, not a parser (pgjdbc's {@code Parser} is the model): one pass over the
 * char array, one small scanner per token kind in {@link SqlLexemes}, tokens written to {@link NormalizedText}
 * which owns spacing and list collapsing. What it does per token kind:
 * <ul>
 *   <li>string literals ({@code '…'}, {@code E'…'}, {@code B'…'}, {@code X'…'}, {@code N'…'}, {@code U&'…'},
 *       {@code $tag$…$tag$}, MySQL {@code "…"}; a PostgreSQL string continued on the next line is one literal,
 *       read on in its first part's mode, as in {@link PostgresLexer}), numbers (with a sign where the sign is unary), and
 *       {@code TRUE}/{@code FALSE}/{@code NULL} used as values (not after {@code IS [NOT]}, and {@code NULL}
 *       not in a column constraint such as {@code NOT NULL}) become {@code ?};
 *   <li>bind markers {@code ?} and {@code $n} become {@code ?}; {@code ??} (pgjdbc's escaped {@code ?}
 *       operator) stays an operator;
 *   <li>comments ({@code --}, {@code /* *}{@code /} nested in PostgreSQL, MySQL {@code #}) and whitespace
 *       disappear; keywords are upper-cased; unquoted identifiers are lower-cased for PostgreSQL (which folds
 *       them) and kept for MySQL; quoted identifiers are kept verbatim with their quotes;
 *   <li>{@code IN (…)}/{@code ARRAY[…]} lists of values collapse to {@code (...)}, repeated {@code VALUES}
 *       rows to the first one — so statements that differ only in list length share a fingerprint. This is
 *       where grouping differs from {@code pg_stat_statements} before PostgreSQL 18, which keeps one entry
 *       per list length.
 * </ul>
 * It never throws on malformed SQL: an unterminated literal or comment runs to the end of the text. Cost is
 * linear in the length of the statement; callers cache results per distinct SQL string
 * ({@link FingerprintCache}).
 */
public final class SqlFingerprinter {

  private static final java.util.regex.Pattern PLAIN_NAME = java.util.regex.Pattern.compile("[a-z_][a-z0-9_$]*");
  /** One-char operators as shared strings, so the common {@code =}, {@code <}, {@code *} allocate nothing. */
  private static final String[] SINGLE_OPERATORS = new String[128];

  static {
    for (char c : "+-*/<>=~!@#%^&|`".toCharArray()) {
      SINGLE_OPERATORS[c] = String.valueOf(c);
    }
  }

  // The normalized text is built in a per-thread scratch array, so fingerprinting allocates only the input's
  // char copy and the results. Statements longer than SCRATCH_LIMIT chars get an array of their own, so a
  // thread never keeps more than SCRATCH_LIMIT chars alive.
  private static final int SCRATCH_LIMIT = 1 << 15;
  private static final ThreadLocal<char[]> SCRATCH = ThreadLocal.withInitial(() -> new char[1024]);

  private static final SqlFingerprinter POSTGRESQL = new SqlFingerprinter(SqlDialect.POSTGRESQL);
  private static final SqlFingerprinter MYSQL = new SqlFingerprinter(SqlDialect.MYSQL);

  private final SqlDialect dialect;

  private SqlFingerprinter(SqlDialect dialect) {
    this.dialect = dialect;
  }

  public static SqlFingerprinter of(SqlDialect dialect) {
    return Objects.requireNonNull(dialect, "dialect") == SqlDialect.MYSQL ? MYSQL : POSTGRESQL;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /** The fingerprint of {@code sql}; thread-safe, never throws for any non-null text. */
  public Fingerprint fingerprint(String sql) {
    return new Scan(sql.toCharArray(), dialect == SqlDialect.MYSQL).run();
  }

  /** {@code sql} with every literal value replaced by {@code ?} (PostgreSQL lexical rules), for showing. */
  public static String redact(String sql) {
    return sql == null ? "" : POSTGRESQL.fingerprint(sql).normalized();
  }

  private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

  /** FNV-1a, 64 bit: cheap, well spread for short texts, and the same in every JVM (unlike hashCode). */
  static String hashHex(String text) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      hash ^= text.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hex(hash);
  }

  /** {@code hash} as 16 lower-case hex digits. */
  static String hex(long hash) {
    char[] hex = new char[16];
    for (int i = 15; i >= 0; i--) {
      hex[i] = HEX_DIGITS[(int) (hash & 0xF)];
      hash >>>= 4;
    }
    return new String(hex);
  }

  private static char[] scratch(int capacity) {
    char[] buffer = SCRATCH.get();
    if (buffer.length >= capacity) {
      return buffer;
    }
    buffer = new char[capacity];
    if (capacity <= SCRATCH_LIMIT) {
      SCRATCH.set(buffer);
    }
    return buffer;
  }

  /** One pass over one statement. */
  private static final class Scan {
    private final char[] s;
    private final boolean mysql;
    private final NormalizedText out;
    private final ShapeReader shape = new ShapeReader();
    private Token last;
    private String lastKeyword;
    private boolean afterIs;

    Scan(char[] s, boolean mysql) {
      this.s = s;
      this.mysql = mysql;
      this.out = new NormalizedText(scratch(s.length + (s.length >> 1) + 16));
    }

    Fingerprint run() {
      int i = 0;
      while (i < s.length) {
        i = next(i);
      }
      String normalized = out.finish();
      return new Fingerprint(hex(out.fnv1a()), normalized, shape.shape());
    }

    /** Reads the token at {@code i} and returns where the next one starts. */
    private int next(int i) {
      char c = s[i];
      if (SqlLexemes.isWhitespace(c)) {
        return i + 1;
      }
      char after = i + 1 < s.length ? s[i + 1] : '\0';
      if ((c == '-' && after == '-') || (c == '#' && mysql)) {
        return SqlLexemes.lineComment(s, i);
      }
      if (c == '/' && after == '*') {
        return SqlLexemes.blockComment(s, i, !mysql);
      }
      if (c == '\'') {
        return literal(mysql ? SqlLexemes.quoted(s, i, true) : SqlLexemes.pgString(s, i, false));
      }
      if (c == '"') {
        int end = SqlLexemes.quoted(s, i, mysql);
        return mysql ? literal(end) : emit(Token.IDENTIFIER, quotedIdentifier(i, end), end);
      }
      if (c == '`' && mysql) {
        int end = SqlLexemes.quoted(s, i, false);
        return emit(Token.IDENTIFIER, new String(s, i, end - i), end);
      }
      if (c == '$' && !mysql) {
        return dollar(i);
      }
      if (c == '?') {
        return after == '?' ? emit(Token.OPERATOR, "??", i + 2) : parameter(shape.nextPositional(), i + 1);
      }
      if (SqlLexemes.isDigit(c) || (c == '.' && SqlLexemes.isDigit(after))) {
        return number(i);
      }
      if ((c == '-' || c == '+') && (SqlLexemes.isDigit(after) || after == '.') && signAllowed()) {
        return number(i + 1);
      }
      if (SqlLexemes.isIdentifierStart(c) || (mysql && c == '$')) {
        return wordOrPrefixedString(i, c, after);
      }
      return punctuation(i, c, after);
    }

    /**
     * A double-quoted PostgreSQL identifier; {@code "id"} is the same name as {@code id}, so a quoted name that
     * needs no quoting (lower case, not a keyword) is written unquoted, as pg_stat_statements groups them.
     */
    private String quotedIdentifier(int start, int end) {
      String quoted = new String(s, start, end - start);
      String name = quoted.length() >= 2 ? quoted.substring(1, quoted.length() - 1) : "";
      return PLAIN_NAME.matcher(name).matches() && SqlKeywords.keyword(name) == null ? name : quoted;
    }

    private int dollar(int i) {
      if (i + 1 < s.length && SqlLexemes.isDigit(s[i + 1])) {
        int end = i + 1;
        int n = 0;
        while (end < s.length && SqlLexemes.isDigit(s[end])) {
          n = n * 10 + (s[end] - '0');
          end++;
        }
        return parameter(shape.numbered(n), end);
      }
      int bodyStart = SqlLexemes.dollarTag(s, i);
      if (bodyStart > 0) {
        return literal(SqlLexemes.dollarQuoted(s, i, bodyStart));
      }
      return emit(Token.OPERATOR, "$", i + 1);
    }

    private int number(int start) {
      int end = SqlLexemes.number(s, start);
      shape.numberLiteral(s, start, end);
      return literal(end);
    }

    private int wordOrPrefixedString(int i, char c, char after) {
      char lower = Character.toLowerCase(c);
      if (after == '\'' && (lower == 'e' || lower == 'b' || lower == 'x' || lower == 'n')) {
        return literal(mysql ? SqlLexemes.quoted(s, i + 1, true) : SqlLexemes.pgString(s, i + 1, lower == 'e'));
      }
      if (lower == 'u' && after == '&' && i + 2 < s.length && s[i + 2] == '\'') {
        return literal(SqlLexemes.pgString(s, i + 2, false));
      }
      int end = SqlLexemes.word(s, i);
      String keyword = SqlKeywords.keyword(s, i, end);
      if (keyword == null) {
        shape.other();
        out.identifier(s, i, end, !mysql);
        last = Token.IDENTIFIER;
        lastKeyword = null;
        afterIs = false;
        return end;
      }
      boolean value = keyword.equals("NULL") ? nullIsValue()
          : (keyword.equals("TRUE") || keyword.equals("FALSE")) && !afterIs;
      if (value) {
        return literal(end);
      }
      afterIs = keyword.equals("IS") || (afterIs && keyword.equals("NOT"));
      shape.keyword(keyword, lastKeyword);
      out.keyword(keyword);
      last = Token.KEYWORD;
      lastKeyword = keyword;
      return end;
    }

    private int punctuation(int i, char c, char after) {
      switch (c) {
        case '(' -> {
          shape.open();
          return emit(Token.OPEN, "(", i + 1);
        }
        case ')' -> {
          shape.close();
          return emit(Token.CLOSE, ")", i + 1);
        }
        case '[' -> {
          return emit(Token.OPEN_BRACKET, "[", i + 1);
        }
        case ']' -> {
          return emit(Token.CLOSE_BRACKET, "]", i + 1);
        }
        case ',' -> {
          return emit(Token.COMMA, ",", i + 1);
        }
        case ';' -> {
          return emit(Token.SEMICOLON, ";", i + 1);
        }
        case '.' -> {
          return emit(Token.DOT, ".", i + 1);
        }
        case ':' -> {
          return after == ':' ? emit(Token.CAST, "::", i + 2) : emit(Token.OPERATOR, ":", i + 1);
        }
        default -> {
          if (SqlLexemes.isOperatorChar(c)) {
            int end = SqlLexemes.operator(s, i, mysql);
            return emit(Token.OPERATOR, end - i == 1 ? SINGLE_OPERATORS[c] : new String(s, i, end - i), end);
          }
          return emit(Token.OPERATOR, String.valueOf(c), i + 1);
        }
      }
    }

    /**
     * {@code NULL} is a literal only where a value is expected: not in {@code IS [NOT] NULL}, not in a column
     * constraint ({@code NOT NULL}, or {@code NULL} after a type: {@code name text NULL}) and not in
     * {@code ON DELETE SET NULL}. Everywhere else (after an operator, a bracket, a comma, {@code SELECT},
     * {@code THEN}, {@code DEFAULT}, …) it is a value like {@code 1}.
     */
    private boolean nullIsValue() {
      if (afterIs || last == Token.IDENTIFIER || last == Token.CLOSE) {
        return false;
      }
      return !"NOT".equals(lastKeyword) && !"SET".equals(lastKeyword);
    }

    /** A sign is unary (part of the number) after an operator, keyword, opening bracket or comma. */
    private boolean signAllowed() {
      return last == null || last == Token.OPERATOR || last == Token.KEYWORD || last == Token.OPEN
          || last == Token.OPEN_BRACKET || last == Token.COMMA;
    }

    private int parameter(int index, int end) {
      shape.parameter(index);
      return placeholder(end);
    }

    private int literal(int end) {
      shape.literal();
      return placeholder(end);
    }

    private int placeholder(int end) {
      out.token(Token.PLACEHOLDER, "?");
      last = Token.PLACEHOLDER;
      lastKeyword = null;
      afterIs = false;
      return end;
    }

    private int emit(Token kind, String text, int end) {
      shape.other();
      out.token(kind, text);
      last = kind;
      lastKeyword = null;
      afterIs = false;
      return end;
    }
  }
}

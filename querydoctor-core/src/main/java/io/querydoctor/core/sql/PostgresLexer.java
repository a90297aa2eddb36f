package io.querydoctor.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits SQL text into lexemes exactly where PostgreSQL's own scanner ({@code src/backend/parser/scan.l}) does, so
 * that what QueryDoctor takes for code, text or comment is what the server takes for it. Anything that decides
 * whether text is one statement, or what it does, must read it through this lexer.
 *
 * <p>Design note. One pass, longest match at each position, as flex does. The rules that matter for telling code
 * from text, each a small method:
 * <ul>
 *   <li>{@code '…'}: a doubled quote stands for itself; a backslash is an ordinary character when
 *       {@code standard_conforming_strings} is on (the default since 9.1; the tool's sessions set it), an escape
 *       when it is off. {@code E'…'} always escapes: {@code \x} is one character whatever x is, quote and newline
 *       included. {@code U&'…'} follows the standard rule. {@code B'…'} and {@code X'…'} end at the first quote.
 *       Two string parts separated by whitespace that contains a newline are one string, continued in the first
 *       part's mode ({@code E'a'}⏎{@code '\''} is one escape string).
 *   <li>{@code "…"} and {@code U&"…"}: quoted identifiers, doubled quote for itself.
 *   <li>{@code $tag$…$tag$} starts only where a token starts: a {@code $} inside or right after an identifier is
 *       part of the identifier ({@code a$b$} is one name), {@code $1} is a parameter, and a tag starts with a
 *       letter or {@code _}.
 *   <li>{@code --} to the end of the line; {@code /* *}{@code /} nests.
 *   <li>Identifiers: a letter, {@code _} or any non-ASCII character, then those, digits and {@code $}; a prefix
 *       ({@code E}, {@code B}, {@code X}, {@code U&}) only counts at the start of a token, so {@code xE'…'} is the
 *       name {@code xE} and a standard string.
 * </ul>
 * Never throws: an unterminated string, identifier or comment runs to the end of the text and is marked so; the
 * caller decides whether that is an error.
 */
public final class PostgresLexer {

  /** What a lexeme is. */
  public enum Kind {
    WHITESPACE, LINE_COMMENT, BLOCK_COMMENT,
    /** {@code '…'} (with {@code N'…'}, the {@code N} is an identifier before it). */
    STRING,
    /** {@code E'…'}, or {@code '…'} when {@code standard_conforming_strings} is off. */
    ESCAPE_STRING,
    /** {@code U&'…'}. */
    UNICODE_STRING,
    /** {@code B'…'} or {@code X'…'}. */
    BIT_STRING,
    DOLLAR_STRING, IDENTIFIER, QUOTED_IDENTIFIER,
    /** {@code U&"…"}. */
    UNICODE_IDENTIFIER,
    /** {@code $1}. */
    PARAMETER, NUMBER, OPERATOR, SEMICOLON,
    /** One of {@code , ( ) [ ] . :}. */
    PUNCTUATION,
    /** A character the server's scanner returns on its own and its grammar rejects ({@code \}, {@code $}, …). */
    OTHER;

    /** Text or commentary: its contents are not code. */
    public boolean isQuoted() {
      return this != IDENTIFIER && this != PARAMETER && this != NUMBER && this != OPERATOR && this != SEMICOLON
          && this != PUNCTUATION && this != OTHER && this != WHITESPACE;
    }

    /** Whitespace or a comment: nothing the server acts on. */
    public boolean isBlank() {
      return this == WHITESPACE || this == LINE_COMMENT || this == BLOCK_COMMENT;
    }
  }

  /**
   * One lexeme: characters {@code [start, end)} of the text.
   *
   * @param terminated false when a string, quoted identifier or comment runs to the end of the text unclosed
   */
  public record Lexeme(Kind kind, int start, int end, boolean terminated) {
    public String text(String sql) {
      return sql.substring(start, end);
    }
  }

  /** {@code whitespace_with_newline} then a quote: scan.l's {@code quotecontinue}, possessive to stay linear. */
  private static final Pattern QUOTE_CONTINUE =
      Pattern.compile("(?:[ \\t\\f]|--[^\\n\\r]*+)*+[\\n\\r](?:[ \\t\\n\\r\\f\\u000B]++|--[^\\n\\r]*+[\\n\\r])*+'");
  private static final String OPERATOR_CHARS = "~!@#^&|`?+-*/%<>=";
  private static final String PUNCTUATION_CHARS = ",()[].:";

  private final String sql;
  private final boolean standardConformingStrings;
  private final List<Lexeme> lexemes = new ArrayList<>();

  private PostgresLexer(String sql, boolean standardConformingStrings) {
    this.sql = sql;
    this.standardConformingStrings = standardConformingStrings;
  }

  /** The lexemes of {@code sql} as a server with {@code standard_conforming_strings = on} reads them. */
  public static List<Lexeme> lex(String sql) {
    return lex(sql, true);
  }

  /** The lexemes of {@code sql}, covering it without gaps, with the given {@code standard_conforming_strings}. */
  public static List<Lexeme> lex(String sql, boolean standardConformingStrings) {
    PostgresLexer lexer = new PostgresLexer(sql, standardConformingStrings);
    int i = 0;
    while (i < sql.length()) {
      i = lexer.next(i);
    }
    return lexer.lexemes;
  }

  private int next(int i) {
    char c = sql.charAt(i);
    char after = charAt(i + 1);
    if (isSpace(c)) {
      int end = i + 1;
      while (end < sql.length() && isSpace(sql.charAt(end))) {
        end++;
      }
      return add(Kind.WHITESPACE, i, end, true);
    }
    if (c == '-' && after == '-') {
      return add(Kind.LINE_COMMENT, i, lineEnd(i), true);
    }
    if (c == '/' && after == '*') {
      return blockComment(i);
    }
    if (c == '\'') {
      return string(standardConformingStrings ? Kind.STRING : Kind.ESCAPE_STRING, i, i);
    }
    if (c == '"') {
      return quotedIdentifier(Kind.QUOTED_IDENTIFIER, i, i);
    }
    if (c == '$') {
      return dollar(i);
    }
    if (isDigit(c) || (c == '.' && isDigit(after))) {
      return add(Kind.NUMBER, i, number(i), true);
    }
    if (isIdentifierStart(c)) {
      return prefixedOrIdentifier(i, c, after);
    }
    if (c == ';') {
      return add(Kind.SEMICOLON, i, i + 1, true);
    }
    if (PUNCTUATION_CHARS.indexOf(c) >= 0) {
      return add(Kind.PUNCTUATION, i, i + 1, true);
    }
    if (OPERATOR_CHARS.indexOf(c) >= 0) {
      return add(Kind.OPERATOR, i, operator(i), true);
    }
    return add(Kind.OTHER, i, i + 1, true);
  }

  private int prefixedOrIdentifier(int i, char c, char after) {
    char lower = Character.toLowerCase(c);
    if (after == '\'') {
      if (lower == 'e') {
        return string(Kind.ESCAPE_STRING, i, i + 1);
      }
      if (lower == 'b' || lower == 'x') {
        return string(Kind.BIT_STRING, i, i + 1);
      }
    }
    if (lower == 'u' && after == '&') {
      char quote = charAt(i + 2);
      if (quote == '\'') {
        return string(Kind.UNICODE_STRING, i, i + 2);
      }
      if (quote == '"') {
        return quotedIdentifier(Kind.UNICODE_IDENTIFIER, i, i + 2);
      }
    }
    int end = i + 1;
    while (end < sql.length() && isIdentifierPart(sql.charAt(end))) {
      end++;
    }
    return add(Kind.IDENTIFIER, i, end, true);
  }

  /** A string whose opening quote is at {@code quote}, including every continuation of it. */
  private int string(Kind kind, int start, int quote) {
    int i = quote + 1;
    while (true) {
      int close = closingQuote(kind, i);
      if (close < 0) {
        return add(kind, start, sql.length(), false);
      }
      Matcher continuation = QUOTE_CONTINUE.matcher(sql).region(close + 1, sql.length());
      if (!continuation.lookingAt()) {
        return add(kind, start, close + 1, true);
      }
      i = continuation.end();
    }
  }

  /** Index of the quote that ends a string body starting at {@code i}, or -1 when none does. */
  private int closingQuote(Kind kind, int i) {
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\' && kind == Kind.ESCAPE_STRING) {
        i += 2;
      } else if (c == '\'') {
        if (kind != Kind.BIT_STRING && charAt(i + 1) == '\'') {
          i += 2;
        } else {
          return i;
        }
      } else {
        i++;
      }
    }
    return -1;
  }

  private int quotedIdentifier(Kind kind, int start, int quote) {
    int i = quote + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == '"') {
        if (charAt(i + 1) != '"') {
          return add(kind, start, i + 1, true);
        }
        i++;
      }
      i++;
    }
    return add(kind, start, sql.length(), false);
  }

  private int blockComment(int start) {
    int depth = 1;
    int i = start + 2;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '*' && charAt(i + 1) == '/') {
        i += 2;
        if (--depth == 0) {
          return add(Kind.BLOCK_COMMENT, start, i, true);
        }
      } else if (c == '/' && charAt(i + 1) == '*') {
        depth++;
        i += 2;
      } else {
        i++;
      }
    }
    return add(Kind.BLOCK_COMMENT, start, sql.length(), false);
  }

  /** {@code $1}, {@code $tag$…$tag$}, or a lone {@code $}. */
  private int dollar(int i) {
    if (isDigit(charAt(i + 1))) {
      int end = i + 1;
      while (isDigit(charAt(end)) || (charAt(end) == '_' && isDigit(charAt(end + 1)))) {
        end++;
      }
      return add(Kind.PARAMETER, i, end, true);
    }
    int j = i + 1;
    if (j < sql.length() && isIdentifierStart(sql.charAt(j))) {
      j++;
      while (j < sql.length() && isIdentifierPart(sql.charAt(j)) && sql.charAt(j) != '$') {
        j++;
      }
    }
    if (charAt(j) != '$') {
      return add(Kind.OTHER, i, i + 1, true);
    }
    String tag = sql.substring(i, j + 1);
    int close = sql.indexOf(tag, j + 1);
    return close < 0 ? add(Kind.DOLLAR_STRING, i, sql.length(), false)
        : add(Kind.DOLLAR_STRING, i, close + tag.length(), true);
  }

  /**
   * A numeric constant. What PostgreSQL 15+ rejects as "trailing junk" ({@code 1e'x'}, {@code 1abc}) ends here and
   * the rest starts a new token, as in PostgreSQL 14 and older.
   */
  private int number(int i) {
    if (sql.charAt(i) == '0' && "xXoObB".indexOf(charAt(i + 1)) >= 0 && Character.digit(charAt(i + 2), 16) >= 0) {
      int end = i + 2;
      while (Character.digit(charAt(end), 16) >= 0 || charAt(end) == '_') {
        end++;
      }
      return end;
    }
    int end = digits(i);
    if (charAt(end) == '.' && charAt(end + 1) != '.') {
      end = digits(end + 1);
    }
    if (charAt(end) == 'e' || charAt(end) == 'E') {
      int exponent = end + 1;
      if (charAt(exponent) == '+' || charAt(exponent) == '-') {
        exponent++;
      }
      if (isDigit(charAt(exponent))) {
        end = digits(exponent);
      }
    }
    return end;
  }

  private int digits(int i) {
    while (isDigit(charAt(i)) || (charAt(i) == '_' && isDigit(charAt(i + 1)))) {
      i++;
    }
    return i;
  }

  /**
   * A run of operator characters, cut before a comment start; a multi-character operator does not end in
   * {@code +} or {@code -} unless it holds one of {@code ~!@#%^&|`?} (so {@code =-1} is {@code =} then {@code -1}).
   */
  private int operator(int start) {
    int i = start;
    boolean special = false;
    while (i < sql.length() && OPERATOR_CHARS.indexOf(sql.charAt(i)) >= 0) {
      char c = sql.charAt(i);
      if (i > start && ((c == '-' && charAt(i + 1) == '-') || (c == '/' && charAt(i + 1) == '*'))) {
        break;
      }
      special |= "~!@#%^&|`?".indexOf(c) >= 0;
      i++;
    }
    if (!special) {
      while (i - start > 1 && (sql.charAt(i - 1) == '+' || sql.charAt(i - 1) == '-')) {
        i--;
      }
    }
    return i;
  }

  private int lineEnd(int i) {
    while (i < sql.length() && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  private int add(Kind kind, int start, int end, boolean terminated) {
    lexemes.add(new Lexeme(kind, start, end, terminated));
    return end;
  }

  private char charAt(int i) {
    return i < sql.length() ? sql.charAt(i) : '\0';
  }

  /** scan.l's {@code space}: no other Unicode space separates tokens (a no-break space is part of a name). */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** scan.l's {@code ident_start}: ASCII letters, {@code _}, and every byte of a multi-byte character. */
  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  }

  /** scan.l's {@code ident_cont}: as a start, plus digits and {@code $}. */
  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || isDigit(c) || c == '$';
  }
}

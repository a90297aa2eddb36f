package io.querydoctor.core.sql;

/**
 * Scanners for single lexical elements of SQL, one small static function per token kind, in the manner of
 * pgjdbc's {@code Parser}. Each takes the text and the index where the element starts and returns the index
 * just after it. None of them throws: an unterminated string or comment simply runs to the end of the text,
 * because the fingerprint of a malformed statement must still be computed (the database will reject it).
 */
final class SqlLexemes {

  private SqlLexemes() {}

  // Character classes of ASCII, one table read per character instead of Character.isXxx calls and
  // String.indexOf scans; non-ASCII characters fall back to the Character methods.
  private static final byte WHITESPACE = 1;
  private static final byte IDENTIFIER_START = 2;
  private static final byte IDENTIFIER_PART = 4;
  private static final byte DIGIT = 8;
  private static final byte OPERATOR = 16;
  private static final byte[] ASCII = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      byte bits = 0;
      if (Character.isWhitespace(c)) {
        bits |= WHITESPACE;
      }
      if (Character.isLetter(c) || c == '_') {
        bits |= IDENTIFIER_START | IDENTIFIER_PART;
      }
      if (c >= '0' && c <= '9') {
        bits |= DIGIT | IDENTIFIER_PART;
      }
      if (c == '$') {
        bits |= IDENTIFIER_PART;
      }
      if ("+-*/<>=~!@#%^&|`".indexOf(c) >= 0) {
        bits |= OPERATOR;
      }
      ASCII[c] = bits;
    }
  }

  static boolean isWhitespace(char c) {
    return c < 128 ? (ASCII[c] & WHITESPACE) != 0 : Character.isWhitespace(c);
  }

  static boolean isDigit(char c) {
    return c < 128 ? (ASCII[c] & DIGIT) != 0 : Character.isDigit(c);
  }

  /** {@code --} or {@code #} comment: up to and including the end of the line. */
  static int lineComment(char[] s, int i) {
    while (i < s.length && s[i] != '\n' && s[i] != '\r') {
      i++;
    }
    return i;
  }

  /** {@code /* … *}{@code /} comment starting at {@code i}; PostgreSQL nests them, MySQL does not. */
  static int blockComment(char[] s, int i, boolean nested) {
    int depth = 1;
    i += 2;
    while (i < s.length) {
      if (s[i] == '*' && i + 1 < s.length && s[i + 1] == '/') {
        i += 2;
        if (--depth == 0) {
          return i;
        }
      } else if (nested && s[i] == '/' && i + 1 < s.length && s[i + 1] == '*') {
        depth++;
        i += 2;
      } else {
        i++;
      }
    }
    return s.length;
  }

  /**
   * A quoted string or identifier starting at the quote at {@code i}. A doubled quote stands for itself;
   * with {@code backslashEscapes} (MySQL strings, PostgreSQL {@code E''}) a backslash escapes the next char.
   */
  static int quoted(char[] s, int i, boolean backslashEscapes) {
    char quote = s[i];
    i++;
    while (i < s.length) {
      char c = s[i];
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < s.length && s[i + 1] == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return s.length;
  }

  /**
   * A PostgreSQL string starting at the quote at {@code i}, with its continuations: {@code 'a'}⏎{@code 'b'} (parts
   * separated by whitespace holding a newline) is one string, read on in the first part's mode, so that the
   * {@code \'} of {@code E'a'}⏎{@code '\' …'} escapes a quote as the server reads it ({@link PostgresLexer}).
   */
  static int pgString(char[] s, int i, boolean backslashEscapes) {
    int end = quoted(s, i, backslashEscapes);
    int next = continuation(s, end, s.length);
    while (next >= 0) {
      end = quoted(s, next, backslashEscapes);
      next = continuation(s, end, s.length);
    }
    return end;
  }

  /**
   * The quote that continues a string closed just before {@code i} (scan.l's {@code quotecontinue}: spaces,
   * tabs and {@code --} comments, a newline, then any whitespace and whole-line comments), or -1. Reads no
   * further than {@code limit}.
   */
  static int continuation(char[] s, int i, int limit) {
    if (i == 0 || i >= limit || s[i - 1] != '\'') {
      return -1;
    }
    boolean newline = false;
    while (i < limit) {
      char c = s[i];
      if (c == '\n' || c == '\r') {
        newline = true;
        i++;
      } else if (c == ' ' || c == '\t' || c == '\f' || (newline && c == '\u000B')) {
        i++;
      } else if (c == '-' && i + 1 < limit && s[i + 1] == '-') {
        i = Math.min(lineComment(s, i), limit);
      } else {
        return newline && c == '\'' ? i : -1;
      }
    }
    return -1;
  }

  /**
   * If a PostgreSQL dollar-quote opening tag ({@code $$} or {@code $tag$}) starts at {@code i}, the index
   * after it; otherwise -1 ({@code $1} is a bind marker, not a tag).
   */
  static int dollarTag(char[] s, int i) {
    int j = i + 1;
    if (j < s.length && isDigit(s[j])) {
      return -1;
    }
    while (j < s.length && isIdentifierPart(s[j]) && s[j] != '$') {
      j++;
    }
    return j < s.length && s[j] == '$' ? j + 1 : -1;
  }

  /** The body and closing tag of a dollar-quoted string whose opening tag spans {@code [start, bodyStart)}. */
  static int dollarQuoted(char[] s, int start, int bodyStart) {
    int tagLength = bodyStart - start;
    for (int i = bodyStart; i + tagLength <= s.length; i++) {
      if (s[i] == '$' && regionMatches(s, i, s, start, tagLength)) {
        return i + tagLength;
      }
    }
    return s.length;
  }

  /** A numeric literal: digits, a fraction, an exponent, or a hex/binary literal ({@code 0x1F}, {@code 0b1}). */
  static int number(char[] s, int i) {
    if (s[i] == '0' && i + 2 < s.length && (s[i + 1] == 'x' || s[i + 1] == 'X' || s[i + 1] == 'b' || s[i + 1] == 'B')
        && Character.digit(s[i + 2], 16) >= 0) {
      i += 2;
      while (i < s.length && (Character.digit(s[i], 16) >= 0 || s[i] == '_')) {
        i++;
      }
      return i;
    }
    i = digits(s, i);
    if (i < s.length && s[i] == '.' && !(i + 1 < s.length && s[i + 1] == '.')) {
      i = digits(s, i + 1);
    }
    if (i + 1 < s.length && (s[i] == 'e' || s[i] == 'E')) {
      int j = i + 1;
      if (s[j] == '+' || s[j] == '-') {
        j++;
      }
      if (j < s.length && isDigit(s[j])) {
        i = digits(s, j);
      }
    }
    return i;
  }

  private static int digits(char[] s, int i) {
    while (i < s.length && (isDigit(s[i]) || s[i] == '_')) {
      i++;
    }
    return i;
  }

  /** An unquoted identifier or keyword. */
  static int word(char[] s, int i) {
    i++;
    while (i < s.length && isIdentifierPart(s[i])) {
      i++;
    }
    return i;
  }

  /**
   * An operator: a run of operator characters that stops before a comment start. As in PostgreSQL's lexer, a
   * multi-char operator does not end in {@code +} or {@code -} unless it contains one of {@code ~!@#%^&|`?},
   * so that {@code =-1} reads as {@code =} followed by {@code -1}.
   */
  static int operator(char[] s, int i, boolean hashIsComment) {
    int start = i;
    boolean special = false;
    while (i < s.length && isOperatorChar(s[i])) {
      char c = s[i];
      if ((c == '-' && i + 1 < s.length && s[i + 1] == '-')
          || (c == '/' && i + 1 < s.length && s[i + 1] == '*')
          || (c == '#' && hashIsComment)) {
        break;
      }
      special |= "~!@#%^&|`?".indexOf(c) >= 0;
      i++;
    }
    if (!special) {
      while (i - start > 1 && (s[i - 1] == '+' || s[i - 1] == '-')) {
        i--;
      }
    }
    return Math.max(i, start + 1);
  }

  static boolean isOperatorChar(char c) {
    return c < 128 && (ASCII[c] & OPERATOR) != 0;
  }

  static boolean isIdentifierStart(char c) {
    return c < 128 ? (ASCII[c] & IDENTIFIER_START) != 0 : Character.isLetter(c);
  }

  static boolean isIdentifierPart(char c) {
    return c < 128 ? (ASCII[c] & IDENTIFIER_PART) != 0 : Character.isLetterOrDigit(c);
  }

  static boolean regionMatches(char[] a, int aStart, char[] b, int bStart, int length) {
    for (int k = 0; k < length; k++) {
      if (a[aStart + k] != b[bStart + k]) {
        return false;
      }
    }
    return true;
  }
}

package io.querydoctor.core.sql;

/**
 * A cheap, conservative key for "these two statements have the same fingerprint", computed without the
 * fingerprinter: the statement with its plain literals replaced by a marker and whitespace runs collapsed.
 *
 * <p>Design note. Soundness is the point: equal skeletons must imply equal fingerprints. So the skeleton keeps
 * every character the fingerprinter could look at verbatim (case, operators, quoted identifiers, list lengths)
 * and replaces only tokens that the fingerprinter turns into {@code ?} whatever their value: numbers (their
 * extent found with the fingerprinter's own {@link SqlLexemes#number}) and {@code '…'} strings without escapes.
 * Numbers after an {@code OFFSET} word are kept verbatim, because the statement's shape records that value.
 * Whenever the scan is not sure it sees what the fingerprinter sees, it gives up ({@code null}) and the caller
 * fingerprints the text: non-ASCII characters, comments, backslashes or doubled quotes in strings, prefixed
 * strings ({@code E'…'}, {@code X'…'}), a literal glued to a word or a dot, {@code $} in PostgreSQL (dollar
 * quotes, {@code $n}), {@code "…"} in MySQL (a string there) and MySQL's {@code #} comments. The skeleton may be
 * finer than the fingerprint (several skeletons per shape), never coarser.
 */
public final class ShapeSkeleton {

  /** Stands for one literal; never produced by the verbatim parts, which are ASCII without control chars. */
  private static final char MARKER = '\u0001';

  private ShapeSkeleton() {}

  /** The skeleton of {@code sql}, or null when the fast scan cannot vouch for it. */
  public static String of(String sql, SqlDialect dialect) {
    char[] s = sql.toCharArray();
    boolean mysql = dialect == SqlDialect.MYSQL;
    StringBuilder out = new StringBuilder(s.length);
    boolean afterOffset = false;
    int i = 0;
    while (i < s.length) {
      char c = s[i];
      if (c >= 128 || c == '\\' || c == MARKER) {
        return null;
      }
      if (SqlLexemes.isWhitespace(c)) {
        while (i < s.length && SqlLexemes.isWhitespace(s[i])) {
          i++;
        }
        out.append(' ');
        continue;
      }
      char after = i + 1 < s.length ? s[i + 1] : '\0';
      if ((c == '-' && after == '-') || (c == '/' && after == '*') || c == '#' && mysql
          || c == '$' && !mysql || c == '"' && mysql) {
        return null;
      }
      if (c == '.' && SqlLexemes.isDigit(after)) {
        return null;
      }
      int end;
      if (c == '\'') {
        end = string(s, i);
        if (end < 0) {
          return null;
        }
        out.append(MARKER);
      } else if (c == '"' || c == '`' && mysql) {
        end = SqlLexemes.quoted(s, i, false);
        out.append(s, i, end - i);
      } else if (SqlLexemes.isDigit(c)) {
        end = SqlLexemes.number(s, i);
        if (glued(s, end)) {
          return null;
        }
        if (afterOffset) {
          out.append(s, i, end - i);
        } else {
          out.append(MARKER);
        }
      } else if (SqlLexemes.isIdentifierStart(c) || mysql && c == '$') {
        end = SqlLexemes.word(s, i);
        if (end < s.length && (s[end] == '\'' || s[end] == '&')) {
          return null;
        }
        afterOffset |= end - i == 6 && sql.regionMatches(true, i, "offset", 0, 6);
        out.append(s, i, end - i);
      } else {
        end = i + 1;
        out.append(c);
      }
      i = end;
    }
    return out.toString();
  }

  /** The end of the plain string literal at {@code i}, or -1 when it has escapes, doubled quotes or no end. */
  private static int string(char[] s, int i) {
    for (int j = i + 1; j < s.length; j++) {
      char c = s[j];
      if (c == '\\' || c >= 128) {
        return -1;
      }
      if (c == '\'') {
        return glued(s, j + 1) ? -1 : j + 1;
      }
    }
    return -1;
  }

  /** Whether a literal ending at {@code end} runs straight into a word, a dot, a digit or another quote. */
  private static boolean glued(char[] s, int end) {
    if (end >= s.length) {
      return false;
    }
    char c = s[end];
    return SqlLexemes.isIdentifierPart(c) || c == '.' || c == '\'' || c == '"' || c == '`' || c == '$';
  }
}

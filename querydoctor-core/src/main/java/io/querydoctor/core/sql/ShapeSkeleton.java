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
 * finer than the fingerprint (several skeletons per shape), never coarser. An instance reuses its buffers
 * (the skeleton is never longer than the text: whitespace runs and literals only shrink), so a digest
 * allocates nothing per statement on this path; not thread-safe.
 */
public final class ShapeSkeleton {

  /** Stands for one literal; never produced by the verbatim parts, which are ASCII without control chars. */
  private static final char MARKER = '\u0001';

  /** How far {@link SqlLexemes} looks past a token. */
  private static final int LOOKAHEAD = 3;

  private final boolean mysql;
  private char[] text = new char[256];
  private char[] out = new char[256];
  private int length;
  private int hash;

  /** A reusable scanner for one thread; {@link #scan} overwrites the previous skeleton. */
  public ShapeSkeleton(SqlDialect dialect) {
    this.mysql = dialect == SqlDialect.MYSQL;
  }

  /** The skeleton of {@code sql}, or null when the fast scan cannot vouch for it. */
  public static String of(String sql, SqlDialect dialect) {
    ShapeSkeleton skeleton = new ShapeSkeleton(dialect);
    return skeleton.scan(sql) ? new String(skeleton.out, 0, skeleton.length) : null;
  }

  /** The skeleton's chars (valid up to {@link #length()} after a successful {@link #scan}). */
  public char[] chars() {
    return out;
  }

  public int length() {
    return length;
  }

  /** A hash of the skeleton's chars. */
  public int hash() {
    return hash;
  }

  /** Computes the skeleton of {@code sql}; false when the fast scan cannot vouch for it. */
  public boolean scan(String sql) {
    int n = sql.length();
    if (text.length < n + LOOKAHEAD) {
      text = new char[n + LOOKAHEAD];
      out = new char[n + LOOKAHEAD];
    }
    char[] s = text;
    sql.getChars(0, n, s, 0);
    // The lexemes scan up to the array's end and look up to two chars ahead. Blanks after the text stop
    // every scanner that stops at a blank exactly where the text ends; the others run on and are cut back
    // to n. Either way they see what they see in an array of exactly the text.
    for (int k = n; k < n + LOOKAHEAD; k++) {
      s[k] = ' ';
    }
    int o = 0;
    boolean afterOffset = false;
    int i = 0;
    while (i < n) {
      char c = s[i];
      if (c >= 128 || c == '\\' || c == MARKER) {
        return false;
      }
      if (SqlLexemes.isWhitespace(c)) {
        do {
          i++;
        } while (i < n && SqlLexemes.isWhitespace(s[i]));
        out[o++] = ' ';
        continue;
      }
      char after = i + 1 < n ? s[i + 1] : '\0';
      if ((c == '-' && after == '-') || (c == '/' && after == '*') || c == '#' && mysql
          || c == '$' && !mysql || c == '"' && mysql || c == '.' && SqlLexemes.isDigit(after)) {
        return false;
      }
      int end;
      if (c == '\'') {
        end = string(s, i, n);
        if (end < 0) {
          return false;
        }
        out[o++] = MARKER;
      } else if (c == '"' || c == '`' && mysql) {
        end = Math.min(SqlLexemes.quoted(s, i, false), n);
        o = copy(s, i, end, o);
      } else if (SqlLexemes.isDigit(c)) {
        end = Math.min(SqlLexemes.number(s, i), n);
        if (glued(s, end, n)) {
          return false;
        }
        if (afterOffset) {
          o = copy(s, i, end, o);
        } else {
          out[o++] = MARKER;
        }
      } else if (SqlLexemes.isIdentifierStart(c) || mysql && c == '$') {
        end = Math.min(SqlLexemes.word(s, i), n);
        if (end < n && (s[end] == '\'' || s[end] == '&')) {
          return false;
        }
        afterOffset |= end - i == 6 && sql.regionMatches(true, i, "offset", 0, 6);
        o = copy(s, i, end, o);
      } else {
        end = i + 1;
        out[o++] = c;
      }
      i = end;
    }
    length = o;
    int h = 1;
    for (int k = 0; k < o; k++) {
      h = 31 * h + out[k];
    }
    hash = h;
    return true;
  }

  private int copy(char[] s, int from, int to, int o) {
    System.arraycopy(s, from, out, o, to - from);
    return o + to - from;
  }

  /** The end of the plain string literal at {@code i}, or -1 when it has escapes, doubled quotes or no end. */
  private static int string(char[] s, int i, int n) {
    for (int j = i + 1; j < n; j++) {
      char c = s[j];
      if (c == '\\' || c >= 128) {
        return -1;
      }
      if (c == '\'') {
        // A string continued on the next line ('a'⏎'b') is one literal to the fingerprinter: give up.
        return glued(s, j + 1, n) || SqlLexemes.continuation(s, j + 1, n) >= 0 ? -1 : j + 1;
      }
    }
    return -1;
  }

  /** Whether a literal ending at {@code end} runs straight into a word, a dot, a digit or another quote. */
  private static boolean glued(char[] s, int end, int n) {
    if (end >= n) {
      return false;
    }
    char c = s[end];
    return SqlLexemes.isIdentifierPart(c) || c == '.' || c == '\'' || c == '"' || c == '`' || c == '$';
  }
}

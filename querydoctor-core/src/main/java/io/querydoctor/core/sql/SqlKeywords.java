package io.querydoctor.core.sql;

import java.util.Set;

/**
 * Words the fingerprinter writes in upper case. Case folding only changes how normalized text looks (every
 * unquoted word is compared case-insensitively anyway); the list covers the words that shape a statement.
 */
final class SqlKeywords {

  private SqlKeywords() {}

  private static final Set<String> WORDS = Set.of(
      "ADD", "ALL", "ALTER", "ANALYZE", "AND", "ANY", "ARRAY", "AS", "ASC", "BEGIN", "BETWEEN", "BY", "CALL",
      "CASE", "CAST", "CHECK", "COLLATE", "COLUMN", "COMMIT", "CONFLICT", "CONSTRAINT", "COPY", "CREATE",
      "CROSS", "DEFAULT", "DELETE", "DESC", "DISTINCT", "DO", "DROP", "DUPLICATE", "ELSE", "END", "ESCAPE",
      "EXCEPT", "EXISTS", "EXPLAIN", "FALSE", "FETCH", "FILTER", "FIRST", "FOR", "FOREIGN", "FROM", "FULL",
      "GRANT", "GROUP", "HAVING", "IGNORE", "ILIKE", "IN", "INDEX", "INNER", "INSERT", "INTERSECT", "INTERVAL",
      "INTO", "IS", "ISOLATION", "JOIN", "KEY", "LAST", "LATERAL", "LEFT", "LIKE", "LIMIT", "LOCK", "LOCKED",
      "MATCHED", "MERGE", "MODE", "NATURAL", "NEXT", "NO", "NOT", "NOTHING", "NOWAIT", "NULL", "NULLS",
      "OF", "OFFSET", "ON", "ONLY", "OR", "ORDER", "OUTER", "OVER", "PARTITION", "PRIMARY", "RECURSIVE",
      "REFERENCES", "RELEASE", "REPLACE", "RETURNING", "REVOKE", "RIGHT", "ROLLBACK", "ROW", "ROWS",
      "SAVEPOINT", "SELECT", "SET", "SHARE", "SHOW", "SIMILAR", "SKIP", "SOME", "START", "TABLE", "THEN",
      "TIES", "TRANSACTION", "TRUE", "TRUNCATE", "UNION", "UNIQUE", "UPDATE", "USER", "USING", "VACUUM", "VALUES",
      "WHEN", "WHERE", "WINDOW", "WITH", "WITHIN");

  // Open-addressing table over a case-insensitive hash, so the lexer can look a word up in place in the
  // statement's char array without building a String for it.
  private static final String[] TABLE = new String[512];

  static {
    for (String word : WORDS) {
      int slot = hash(word.toCharArray(), 0, word.length()) & (TABLE.length - 1);
      while (TABLE[slot] != null) {
        slot = (slot + 1) & (TABLE.length - 1);
      }
      TABLE[slot] = word;
    }
  }

  /** The upper-case keyword for {@code word}, or {@code null} when it is not one. */
  static String keyword(String word) {
    return keyword(word.toCharArray(), 0, word.length());
  }

  /** The upper-case keyword spelled by {@code s[start, end)} in any case, or {@code null}; allocates nothing. */
  static String keyword(char[] s, int start, int end) {
    int length = end - start;
    if (length < 2 || length > 12) {
      return null;
    }
    int slot = hash(s, start, end) & (TABLE.length - 1);
    for (String candidate = TABLE[slot]; candidate != null; candidate = TABLE[slot]) {
      if (candidate.length() == length && equalsIgnoreCase(candidate, s, start)) {
        return candidate;
      }
      slot = (slot + 1) & (TABLE.length - 1);
    }
    return null;
  }

  private static int hash(char[] s, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + (s[i] & 0xDF);
    }
    return h ^ (h >>> 9);
  }

  private static boolean equalsIgnoreCase(String upper, char[] s, int start) {
    for (int k = 0; k < upper.length(); k++) {
      char c = s[start + k];
      if (c >= 'a' && c <= 'z') {
        c -= 32;
      }
      if (c != upper.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}

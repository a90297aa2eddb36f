package io.querydoctor.core.sql;

import java.util.Locale;
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

  /** The upper-case keyword for {@code word}, or {@code null} when it is not one. */
  static String keyword(String word) {
    String upper = word.toUpperCase(Locale.ROOT);
    return WORDS.contains(upper) ? upper : null;
  }
}

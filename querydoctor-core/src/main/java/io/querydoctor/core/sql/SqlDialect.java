package io.querydoctor.core.sql;

import java.util.Locale;

/**
 * The lexical rules a statement is read with. Only what changes tokenisation is modelled here: which quote
 * delimits identifiers and which strings, whether backslash escapes inside strings, the comment forms.
 */
public enum SqlDialect {
  /** Double-quoted identifiers, {@code E''} and {@code $tag$} strings, nested block comments, {@code ::} casts. */
  POSTGRESQL,
  /** MySQL and MariaDB: backtick identifiers, {@code "…"} strings, backslash escapes, {@code #} comments. */
  MYSQL;

  /** The dialect for a JDBC URL ({@code jdbc:mysql:…}, {@code jdbc:mariadb:…} → MySQL; anything else PostgreSQL). */
  public static SqlDialect forJdbcUrl(String url) {
    String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
    return lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:") ? MYSQL : POSTGRESQL;
  }
}

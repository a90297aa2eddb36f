package io.querydoctor.core.detect;

import io.querydoctor.core.sql.SqlDialect;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The batched form of a per-row query, read from its redacted text: {@code … WHERE post_id = ?} becomes
 * {@code … WHERE post_id = ANY (?)} on PostgreSQL, {@code … WHERE post_id IN (…)} on MySQL/MariaDB. Works on the
 * fingerprinter's canonical spacing only.
 */
final class BatchedShape {

  private static final Pattern LAST_EQUALS = Pattern.compile("([\\w.\"`]+) = \\?(?=$|[ )])");
  private static final Pattern FROM = Pattern.compile("\\bFROM ([\\w.\"`]+)");

  static final String ANY_ARRAY = " = ANY (?)";
  static final String IN_LIST = " IN (…)";

  private BatchedShape() {}

  /** The statement with its last {@code column = ?} turned into {@code column = ANY (?)}, or null. */
  static String anyArray(String normalized) {
    Matcher m = lastEquals(normalized);
    return m == null ? null
        : normalized.substring(0, m.start()) + m.group(1) + ANY_ARRAY + normalized.substring(m.end());
  }

  /**
   * The batched form in {@code dialect}: PostgreSQL's one array parameter ({@link #anyArray}), or for MySQL and
   * MariaDB, which have no array parameters, an {@code IN (…)} list of the keys. Null when there is no such form.
   */
  static String batched(String normalized, SqlDialect dialect) {
    String array = anyArray(normalized);
    return array == null || dialect != SqlDialect.MYSQL ? array : inList(array);
  }

  /** {@code column = ANY (?)} of an {@link #anyArray} text as {@code column IN (…)}. */
  static String inList(String anyArray) {
    return anyArray.replace(ANY_ARRAY, IN_LIST);
  }

  /** The column compared with {@code ?} last, without its table alias, or null. */
  static String filterColumn(String normalized) {
    Matcher m = lastEquals(normalized);
    if (m == null) {
      return null;
    }
    String column = m.group(1);
    return column.substring(column.lastIndexOf('.') + 1);
  }

  /** The first table after FROM, or null. */
  static String table(String normalized) {
    Matcher m = FROM.matcher(normalized);
    return m.find() ? m.group(1) : null;
  }

  private static Matcher lastEquals(String normalized) {
    Matcher m = LAST_EQUALS.matcher(normalized);
    int start = -1;
    while (m.find()) {
      start = m.start();
    }
    if (start < 0) {
      return null;
    }
    Matcher last = LAST_EQUALS.matcher(normalized);
    return last.find(start) ? last : null;
  }
}

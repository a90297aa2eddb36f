package io.querydoctor.mysql.plan;

import io.querydoctor.mysql.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One literal text per statement digest, to explain: MySQL 8 keeps one in the digest table
 * ({@code QUERY_SAMPLE_TEXT}); MariaDB has no such column, so the statement history tables (their consumers
 * on) give the latest execution's text. Texts the server cut short are left out: they would not parse.
 */
public final class StatementSamples {

  static final String SAMPLE_COLUMN_SQL = """
      SELECT COUNT(*) FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = 'performance_schema' AND TABLE_NAME = 'events_statements_summary_by_digest'
        AND COLUMN_NAME = 'QUERY_SAMPLE_TEXT'
      """;

  static final String FROM_DIGESTS = """
      SELECT DIGEST, QUERY_SAMPLE_TEXT FROM performance_schema.events_statements_summary_by_digest
      WHERE SCHEMA_NAME = ? AND QUERY_SAMPLE_TEXT IS NOT NULL
      """;

  /** Both history tables, the long one first; a digest keeps its most recent text (a
   * consumer that is off leaves its table empty). */
  static final String FROM_HISTORY = """
      SELECT DIGEST, SQL_TEXT FROM performance_schema.%s
      WHERE CURRENT_SCHEMA = ? AND DIGEST IS NOT NULL AND SQL_TEXT IS NOT NULL
      ORDER BY EVENT_ID DESC
      """;

  private StatementSamples() {}

  /** Digest to literal text, for the digests of {@code schema} the server still has a sample of. */
  public static Map<String, String> read(SafeExecutor executor, String schema) throws SQLException {
    Map<String, String> samples = new HashMap<>();
    if (executor.queryOne(SAMPLE_COLUMN_SQL, rs -> rs.getInt(1)) == 1) {
      for (String[] row : executor.query(FROM_DIGESTS, StatementSamples::row, schema)) {
        samples.put(row[0], row[1]);
      }
    }
    for (String table : List.of("events_statements_history_long", "events_statements_history")) {
      for (String[] row : executor.query(String.format(FROM_HISTORY, table), StatementSamples::row, schema)) {
        samples.putIfAbsent(row[0], row[1]);
      }
    }
    samples.values().removeIf(StatementSamples::truncated);
    return samples;
  }

  /** performance_schema ends a text it cut at its length limit with "..." (MariaDB) or leaves it unparsable. */
  static boolean truncated(String text) {
    return text.endsWith("...");
  }

  private static String[] row(java.sql.ResultSet rs) throws SQLException {
    return new String[] {rs.getString(1), rs.getString(2)};
  }
}

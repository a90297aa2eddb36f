package io.querydoctor.mysql.workload;

import io.querydoctor.mysql.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the statement digests of one schema from performance_schema, the MySQL twin of pg_stat_statements, and
 * leaves out the tool's own statements and other tools' catalog reads.
 */
public final class StatementDigestReader {

  /** The costliest shapes are enough: a report shows ten, and the rules look at the ones that cost time. */
  static final int MAX_DIGESTS = 500;

  static final String SQL = """
      SELECT DIGEST, DIGEST_TEXT, COUNT_STAR, SUM_TIMER_WAIT, MIN_TIMER_WAIT, MAX_TIMER_WAIT, SUM_LOCK_TIME,
             SUM_ROWS_SENT, SUM_ROWS_EXAMINED, SUM_ROWS_AFFECTED, SUM_CREATED_TMP_TABLES,
             SUM_CREATED_TMP_DISK_TABLES, SUM_SORT_MERGE_PASSES, SUM_SORT_ROWS, SUM_NO_INDEX_USED,
             SUM_NO_GOOD_INDEX_USED, %s,
             TIMESTAMPDIFF(SECOND, FIRST_SEEN, NOW()), TIMESTAMPDIFF(SECOND, LAST_SEEN, NOW())
      FROM performance_schema.events_statements_summary_by_digest
      WHERE SCHEMA_NAME = ? AND DIGEST_TEXT IS NOT NULL AND COUNT_STAR > 0
      ORDER BY SUM_TIMER_WAIT DESC
      LIMIT %d
      """;

  /** MySQL 8's percentiles, present or not: a version gate read from the table itself. */
  static final String QUANTILE_COLUMNS_SQL = """
      SELECT COUNT(*) FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = 'performance_schema' AND TABLE_NAME = 'events_statements_summary_by_digest'
        AND COLUMN_NAME IN ('QUANTILE_95', 'QUANTILE_99')
      """;

  /**
   * Statements that are not the application's: catalog and performance_schema reads (this tool's, a monitoring
   * agent's), session settings, transaction control and server variables.
   */
  private static final Pattern NOT_THE_APPLICATION = Pattern.compile(
      "(?is)^/\\* querydoctor \\*/|^(SHOW|SET|START\\s+TRANSACTION|ROLLBACK|BEGIN|USE|KILL|FLUSH)\\b"
          + "|^SELECT\\s+(@@|VERSION\\b|DATABASE\\b|CONNECTION_ID\\b)"
          + "|`?(information_schema|performance_schema|sys|mysql)`?\\s*\\.");

  public List<DigestRow> read(SafeExecutor executor, String schema) throws SQLException {
    boolean quantiles = executor.queryOne(QUANTILE_COLUMNS_SQL, rs -> rs.getInt(1)) == 2;
    String sql = String.format(Locale.ROOT, SQL, quantiles ? "QUANTILE_95, QUANTILE_99" : "NULL, NULL", MAX_DIGESTS);
    return executor.query(sql, DigestRow::map, schema).stream().filter(r -> isApplication(r.text())).toList();
  }

  /** Whether a statement (its digest text or a literal sample) is the application's, not a tool's or catalog read. */
  public static boolean isApplication(String digestText) {
    return !NOT_THE_APPLICATION.matcher(digestText.strip()).find();
  }
}

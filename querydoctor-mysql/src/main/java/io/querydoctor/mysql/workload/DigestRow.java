package io.querydoctor.mysql.workload;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of {@code performance_schema.events_statements_summary_by_digest}: a statement shape's totals since
 * the server started (or the table was truncated). Times are in milliseconds (the table's timers are
 * picoseconds); the quantiles exist on MySQL 8 only.
 *
 * @param text the server's normalized text ({@code ?} for values, backquoted names), possibly cut at
 *     {@code performance_schema_max_digest_length}
 * @param noIndexUsed executions that read a table without any index; {@code noGoodIndexUsed} found none good
 * @param firstSeenAgeSeconds seconds since its first execution; {@code lastSeenAgeSeconds} since its last
 */
public record DigestRow(String digest, String text, long calls, double totalMillis, double minMillis,
    double maxMillis, double lockMillis, long rowsSent, long rowsExamined, long rowsAffected, long tmpTables,
    long tmpDiskTables, long sortMergePasses, long sortRows, long noIndexUsed, long noGoodIndexUsed,
    Double p95Millis, Double p99Millis, long firstSeenAgeSeconds, long lastSeenAgeSeconds) {

  private static final double PICOS_PER_MILLI = 1e9;

  static DigestRow map(ResultSet rs) throws SQLException {
    double p95 = rs.getDouble(17);
    Double quantile95 = rs.wasNull() ? null : p95 / PICOS_PER_MILLI;
    double p99 = rs.getDouble(18);
    Double quantile99 = rs.wasNull() ? null : p99 / PICOS_PER_MILLI;
    return new DigestRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDouble(4) / PICOS_PER_MILLI,
        rs.getDouble(5) / PICOS_PER_MILLI, rs.getDouble(6) / PICOS_PER_MILLI, rs.getDouble(7) / PICOS_PER_MILLI,
        rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13),
        rs.getLong(14), rs.getLong(15), rs.getLong(16), quantile95, quantile99, rs.getLong(19), rs.getLong(20));
  }

  public double meanMillis() {
    return calls == 0 ? 0 : totalMillis / calls;
  }

  public double rowsExaminedPerCall() {
    return calls == 0 ? 0 : rowsExamined / (double) calls;
  }

  public double rowsSentPerCall() {
    return calls == 0 ? 0 : rowsSent / (double) calls;
  }

  /** The text with backquotes removed from plain names: what the application sent, for fingerprints. */
  public String sql() {
    return DigestText.toSql(text);
  }
}

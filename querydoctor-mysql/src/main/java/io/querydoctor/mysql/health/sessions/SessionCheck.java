package io.querydoctor.mysql.health.sessions;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.mysql.MySqlTarget;
import io.querydoctor.mysql.MySqlThresholds;
import io.querydoctor.mysql.health.MySqlHealthCheck;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The sessions of the server with their open InnoDB transaction, if any, for idle-in-transaction and
 * long-running-query. Needs PROCESS to see other users' sessions (without it, only the tool's own user's).
 */
public final class SessionCheck implements MySqlHealthCheck {

  static final String SQL = """
      SELECT p.ID, p.USER, p.DB, p.COMMAND, p.TIME, p.INFO,
             TIMESTAMPDIFF(SECOND, t.trx_started, NOW()) AS trx_seconds, t.trx_rows_locked, t.trx_rows_modified
      FROM information_schema.PROCESSLIST p
      LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
      WHERE p.ID <> CONNECTION_ID() AND p.COMMAND NOT IN ('Daemon', 'Binlog Dump', 'Binlog Dump GTID')
        AND p.USER <> 'system user'
      ORDER BY p.ID
      """;

  /**
   * One session: {@code seconds} in its current state ({@code Sleep} is idle), {@code trxSeconds} since its
   * transaction started or -1 without one.
   */
  public record Row(long id, String user, String database, String command, long seconds, String statement,
      long trxSeconds, long rowsLocked, long rowsModified) {
    static Row map(ResultSet rs) throws SQLException {
      long trx = rs.getLong(7);
      boolean noTransaction = rs.wasNull();
      return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
          rs.getString(6), noTransaction ? -1 : trx, rs.getLong(8), rs.getLong(9));
    }

    public boolean idle() {
      return "Sleep".equalsIgnoreCase(command);
    }

    public boolean inTransaction() {
      return trxSeconds >= 0;
    }
  }

  @Override
  public String name() {
    return "sessions";
  }

  @Override
  public void run(MySqlTarget target, MySqlThresholds thresholds, DiagnosisResults results) throws SQLException {
    List<Row> rows = target.executor().query(SQL, Row::map);
    results.addAll(SessionRules.findings(rows, thresholds));
  }
}

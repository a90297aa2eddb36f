package io.querydoctor.postgres.health.database;

import io.querydoctor.postgres.health.CatalogQuery;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Replication lag seen from both sides: on a primary, each connected standby ({@code pg_stat_replication});
 * on a standby, how far its replay trails what it received. A standby with nothing left to replay has no
 * lag, however old its last replayed transaction is.
 */
public final class ReplicationCheck {

  private ReplicationCheck() {}

  /**
   * @param pid the WAL sender's pid on a primary; 0 for the standby's own row
   * @param replica {@code application_name} (and address) of the standby, or {@code this standby}
   * @param state streaming, catchup, …; {@code recovery} for the standby's own row
   * @param lagSeconds replay lag in seconds, -1 when unknown (no activity measured yet, or hidden)
   * @param lagBytes WAL not yet replayed, -1 when unknown
   */
  public record Row(long pid, String replica, String state, double lagSeconds, long lagBytes) {}

  static final String SQL = """
      SELECT r.pid, coalesce(r.application_name, '') || coalesce(' (' || host(r.client_addr) || ')', '') AS replica,
             coalesce(r.state, '') AS state,
             coalesce(extract(epoch FROM r.replay_lag), -1) AS lag_seconds,
             CASE WHEN pg_is_in_recovery() OR r.replay_lsn IS NULL THEN -1
                  ELSE pg_wal_lsn_diff(pg_current_wal_lsn(), r.replay_lsn)::bigint END AS lag_bytes
        FROM pg_stat_replication r
      UNION ALL
      SELECT 0, 'this standby', 'recovery',
             CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                  ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), -1) END,
             coalesce(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint, -1)
       WHERE pg_is_in_recovery()
      """;

  static Row map(ResultSet rs) throws SQLException {
    return new Row(rs.getLong("pid"), rs.getString("replica"), rs.getString("state"), rs.getDouble("lag_seconds"),
        rs.getLong("lag_bytes"));
  }

  public static final CatalogQuery<Row> QUERY = CatalogQuery.of(SQL, ReplicationCheck::map);
}

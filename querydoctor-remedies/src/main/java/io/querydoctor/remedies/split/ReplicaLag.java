package io.querydoctor.remedies.split;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * How far a replica is behind its primary, asked when a read-after-write is first seen on it.
 *
 * <p>Contract: called on the application's thread that made the replica read, at most once per second per
 * replica; returns within about a second; empty when the lag cannot be known. Must not throw.
 */
@FunctionalInterface
public interface ReplicaLag {

  Optional<Duration> observe();

  /** The lag is not observed. */
  static ReplicaLag unknown() {
    return Optional::empty;
  }

  /**
   * PostgreSQL: {@code now() - pg_last_xact_replay_timestamp()} on a connection of {@code replica}, read-only
   * with a one-second statement timeout; empty when the server is not a standby (it is then not a replica at
   * all) or nothing has been replayed yet.
   */
  static ReplicaLag postgres(DataSource replica) {
    return () -> millis(replica, "SELECT CASE WHEN pg_is_in_recovery() THEN"
        + " (extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000)::bigint END");
  }

  /**
   * PostgreSQL, asked on the primary: the largest {@code replay_lag} of its standbys in
   * {@code pg_stat_replication} (PostgreSQL 10+), read-only with a one-second timeout; empty without standbys
   * or when the role may not see other sessions' replication rows ({@code pg_monitor} may).
   */
  static ReplicaLag postgresFromPrimary(DataSource primary) {
    return () -> millis(primary,
        "SELECT (extract(epoch FROM max(replay_lag)) * 1000)::bigint FROM pg_stat_replication");
  }

  private static Optional<Duration> millis(DataSource source, String sql) {
    try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
      c.setReadOnly(true);
      st.setQueryTimeout(1);
      try (ResultSet rs = st.executeQuery(sql)) {
        if (rs.next()) {
          long millis = rs.getLong(1);
          return rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(0, millis)));
        }
        return Optional.empty();
      }
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}

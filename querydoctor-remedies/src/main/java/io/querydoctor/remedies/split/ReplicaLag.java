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
    return () -> {
      try (Connection c = replica.getConnection(); Statement st = c.createStatement()) {
        c.setReadOnly(true);
        st.setQueryTimeout(1);
        try (ResultSet rs = st.executeQuery("SELECT CASE WHEN pg_is_in_recovery() THEN"
            + " (extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000)::bigint END")) {
          if (rs.next()) {
            long millis = rs.getLong(1);
            return rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(0, millis)));
          }
          return Optional.empty();
        }
      } catch (Exception e) {
        return Optional.empty();
      }
    };
  }
}

package io.querydoctor.monitor.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The {@code plan_fingerprint} table: the latest plan shape per target and query id, and the one before. */
final class PlanFingerprints {

  private PlanFingerprints() {
  }

  /** Stores {@code shape}; returns the previous shape when there was one and it differs. */
  static Optional<List<String>> record(Connection c, String target, long queryid, List<String> shape, Instant at)
      throws SQLException {
    String text = String.join("\n", shape);
    String fingerprint = fingerprint(text);
    String stored = null;
    String storedFingerprint = null;
    try (PreparedStatement select = c.prepareStatement(
        "SELECT fingerprint, shape FROM qd_monitor.plan_fingerprint WHERE target = ? AND queryid = ?")) {
      select.setString(1, target);
      select.setLong(2, queryid);
      try (ResultSet rs = select.executeQuery()) {
        if (rs.next()) {
          storedFingerprint = rs.getString(1);
          stored = rs.getString(2);
        }
      }
    }
    if (fingerprint.equals(storedFingerprint)) {
      update(c, "UPDATE qd_monitor.plan_fingerprint SET last_seen = ? WHERE target = ? AND queryid = ?", at,
          target, queryid);
      return Optional.empty();
    }
    try (PreparedStatement upsert = c.prepareStatement("""
        INSERT INTO qd_monitor.plan_fingerprint (target, queryid, fingerprint, shape, first_seen, last_seen)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (target, queryid) DO UPDATE SET previous_shape = plan_fingerprint.shape,
          fingerprint = excluded.fingerprint, shape = excluded.shape, first_seen = excluded.first_seen,
          last_seen = excluded.last_seen, changed_at = excluded.first_seen""")) {
      upsert.setString(1, target);
      upsert.setLong(2, queryid);
      upsert.setString(3, fingerprint);
      upsert.setString(4, text);
      HistoryStore.setInstant(upsert, 5, at);
      HistoryStore.setInstant(upsert, 6, at);
      upsert.executeUpdate();
    }
    return stored == null ? Optional.empty() : Optional.of(List.of(stored.split("\n")));
  }

  private static void update(Connection c, String sql, Instant at, String target, long queryid) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(sql)) {
      HistoryStore.setInstant(update, 1, at);
      update.setString(2, target);
      update.setLong(3, queryid);
      update.executeUpdate();
    }
  }

  /** The first 16 hex digits of the shape's SHA-256: short, and enough to tell shapes of one statement apart. */
  static String fingerprint(String shape) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(shape.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

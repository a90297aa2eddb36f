package io.querydoctor.postgres.plan;

import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The sequences a rolled-back {@code EXPLAIN ANALYZE} advanced: {@code nextval} is not transactional, so a
 * {@code serial} or identity column, or a trigger, leaves its sequence advanced after the rollback. Compares
 * {@code pg_sequences.last_value} before and after; sequences the role may not read are not seen.
 */
final class SequenceWatch {

  private static final String LAST_VALUES =
      "SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences";

  private final Map<String, Long> before;

  private SequenceWatch(Map<String, Long> before) {
    this.before = before;
  }

  static SequenceWatch start(SafeExecutor executor) throws SQLException {
    return new SequenceWatch(lastValues(executor));
  }

  /** A note naming the sequences that advanced since {@link #start}, or empty when none did. */
  String note(SafeExecutor executor) throws SQLException {
    TreeSet<String> advanced = new TreeSet<>();
    lastValues(executor).forEach((name, value) -> {
      if (!Objects.equals(before.get(name), value)) {
        advanced.add(name);
      }
    });
    return advanced.isEmpty() ? "" : "the run was rolled back, but sequences are not: " + String.join(", ", advanced)
        + " advanced";
  }

  private static Map<String, Long> lastValues(SafeExecutor executor) throws SQLException {
    Map<String, Long> values = new HashMap<>();
    List<Object[]> rows = executor.query(LAST_VALUES, rs -> new Object[] {rs.getString(1), rs.getObject(2)});
    for (Object[] row : rows) {
      values.put((String) row[0], row[1] == null ? null : ((Number) row[1]).longValue());
    }
    return values;
  }
}

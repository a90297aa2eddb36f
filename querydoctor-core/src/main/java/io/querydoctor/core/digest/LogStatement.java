package io.querydoctor.core.digest;

import java.time.Instant;

/**
 * One statement execution read from a server log. Unknown values are {@code null} for text and time and
 * {@code -1} for numbers, because a log format records only some of them.
 *
 * @param timestamp when the statement finished (the log line's time), or {@code null}
 * @param durationMillis how long it ran, in milliseconds
 * @param sql the statement text as logged (may contain literals; never shown, only fingerprinted)
 * @param database the database (schema for MySQL), or {@code null}
 * @param user the database user, or {@code null}
 * @param application the application name, or {@code null}
 * @param client the client host, or {@code null}
 * @param rowsSent rows returned to the client, or -1
 * @param rowsExamined rows the server read, or -1
 * @param lockMillis time spent waiting for locks, in milliseconds, or -1
 */
public record LogStatement(
    Instant timestamp,
    double durationMillis,
    String sql,
    String database,
    String user,
    String application,
    String client,
    long rowsSent,
    long rowsExamined,
    double lockMillis) {

  /** A statement with only time, duration and text known. */
  public static LogStatement of(Instant timestamp, double durationMillis, String sql) {
    return new LogStatement(timestamp, durationMillis, sql, null, null, null, null, -1, -1, -1);
  }
}

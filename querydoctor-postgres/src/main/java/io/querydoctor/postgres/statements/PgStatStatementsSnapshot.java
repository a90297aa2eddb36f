package io.querydoctor.postgres.statements;

import io.querydoctor.core.digest.AggregateStatement;
import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.ParseSummary;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.core.sql.SqlDialect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code pg_stat_statements} at one moment. The view's counters are cumulative since the last
 * reset, so what a workload did during an interval is the {@link #since delta} between two snapshots.
 *
 * @param startedAt for a delta, when the earlier snapshot was read; {@code null} for counters since the reset
 * @param takenAt when the snapshot was read
 * @param serverVersionNum the server's {@code server_version_num}
 * @param rows one per (query id, user, database)
 */
public record PgStatStatementsSnapshot(Instant startedAt, Instant takenAt, int serverVersionNum, List<Row> rows) {

  public PgStatStatementsSnapshot {
    rows = List.copyOf(rows);
  }

  /**
   * One statement's counters.
   *
   * @param queryId the server's query id
   * @param user the role name, or {@code null} when the role was dropped
   * @param database the database name, or {@code null}
   * @param query the normalized statement text ({@code $n} for constants)
   * @param calls executions
   * @param totalMillis summed execution time
   * @param minMillis fastest execution (0 in a delta: the view cannot say)
   * @param maxMillis slowest execution (0 in a delta)
   * @param rowCount rows returned or affected
   */
  public record Row(long queryId, String user, String database, String query, long calls, double totalMillis,
      double minMillis, double maxMillis, long rowCount) {

    Key key() {
      return new Key(queryId, user, database);
    }
  }

  private record Key(long queryId, String user, String database) {}

  /**
   * What happened between {@code before} and this snapshot. A statement absent before, or whose calls went
   * down (the view was reset, or the entry evicted and re-created), counts with its current totals. Min and max
   * are not differentiable and are 0 in the delta.
   */
  /** The rows of both snapshots (exports of several servers or databases digested together). */
  public PgStatStatementsSnapshot plus(PgStatStatementsSnapshot other) {
    List<Row> all = new ArrayList<>(rows);
    all.addAll(other.rows);
    return new PgStatStatementsSnapshot(null, takenAt, serverVersionNum, all);
  }

  public PgStatStatementsSnapshot since(PgStatStatementsSnapshot before) {
    Map<Key, Row> earlier = new HashMap<>();
    for (Row row : before.rows) {
      earlier.put(row.key(), row);
    }
    List<Row> delta = new ArrayList<>();
    for (Row now : rows) {
      Row then = earlier.get(now.key());
      if (then == null || now.calls < then.calls) {
        delta.add(new Row(now.queryId, now.user, now.database, now.query, now.calls, now.totalMillis, 0, 0,
            now.rowCount));
      } else if (now.calls > then.calls) {
        delta.add(new Row(now.queryId, now.user, now.database, now.query, now.calls - then.calls,
            now.totalMillis - then.totalMillis, 0, 0, now.rowCount - then.rowCount));
      }
    }
    return new PgStatStatementsSnapshot(before.takenAt, takenAt, serverVersionNum, delta);
  }

  /**
   * The rows as a workload digest, grouped by the capture layer's fingerprints (so sources join). A delta's
   * digest spans the interval between its snapshots, so that impacts are per hour of that interval.
   */
  public WorkloadDigest toDigest(String source) {
    return toDigest(source, ParseSummary.EMPTY);
  }

  /** {@link #toDigest(String)} of rows read from a file, with how reading it went. */
  public WorkloadDigest toDigest(String source, ParseSummary parse) {
    DigestBuilder builder = new DigestBuilder(SqlDialect.POSTGRESQL);
    for (Row row : rows) {
      builder.add(new AggregateStatement(row.query, row.calls, row.totalMillis, row.minMillis, row.maxMillis,
          row.rowCount, row.database, row.user));
    }
    WorkloadDigest digest = builder.build(source, parse);
    if (startedAt == null) {
      return digest;
    }
    return new WorkloadDigest(source, digest.statements(), digest.totalMillis(), startedAt, takenAt, digest.shapes(),
        digest.other(), digest.otherShapes(), digest.series(), digest.parse());
  }
}

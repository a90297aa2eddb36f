package io.querydoctor.mysql.workload;

import io.querydoctor.core.digest.AggregateStatement;
import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.ParseSummary;
import io.querydoctor.core.digest.ShapeDigest;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Statement digests into core's engine-neutral workload model: one shape per fingerprint (computed from the
 * unquoted digest text, so it joins with the capture layer's and the slow log's), with the rows examined and,
 * on MySQL 8, p95/p99 from the server's own histograms. The period is from the oldest digest's first execution
 * to the newest one's last.
 */
public final class DigestWorkload {

  private DigestWorkload() {}

  public static WorkloadDigest build(List<DigestRow> rows, String database, String source, Instant now) {
    DigestBuilder builder = new DigestBuilder(SqlDialect.MYSQL);
    Map<String, List<DigestRow>> byFingerprint = new HashMap<>();
    long oldest = 0;
    long newest = Long.MAX_VALUE;
    for (DigestRow row : rows) {
      String sql = row.sql();
      builder.add(new AggregateStatement(sql, row.calls(), row.totalMillis(), row.minMillis(), row.maxMillis(),
          row.rowsSent() + row.rowsAffected(), database, null));
      byFingerprint.computeIfAbsent(fingerprint(sql), k -> new ArrayList<>()).add(row);
      oldest = Math.max(oldest, row.firstSeenAgeSeconds());
      newest = Math.min(newest, row.lastSeenAgeSeconds());
    }
    WorkloadDigest digest = builder.build(source, ParseSummary.EMPTY);
    List<ShapeDigest> shapes = new ArrayList<>();
    for (ShapeDigest shape : digest.shapes()) {
      shapes.add(enriched(shape, byFingerprint.getOrDefault(shape.fingerprint(), List.of())));
    }
    Instant first = rows.isEmpty() ? null : now.minusSeconds(oldest);
    Instant last = rows.isEmpty() ? null : now.minusSeconds(newest);
    return new WorkloadDigest(source, digest.statements(), digest.totalMillis(), first, last, shapes, digest.other(),
        digest.otherShapes(), digest.series(), digest.parse());
  }

  /** The fingerprint id core gives {@code sql} on MySQL, the key every source of the workload joins on. */
  public static String fingerprint(String sql) {
    return SqlFingerprinter.of(SqlDialect.MYSQL).fingerprint(sql).id();
  }

  private static ShapeDigest enriched(ShapeDigest s, List<DigestRow> rows) {
    if (rows.isEmpty()) {
      return s;
    }
    long examined = rows.stream().mapToLong(DigestRow::rowsExamined).sum();
    long sent = rows.stream().mapToLong(DigestRow::rowsSent).sum();
    double lock = rows.stream().mapToDouble(DigestRow::lockMillis).sum();
    // A server percentile is per digest; with one digest per fingerprint (the usual case) it is the shape's.
    Double p95 = rows.size() == 1 ? rows.get(0).p95Millis() : null;
    Double p99 = rows.size() == 1 ? rows.get(0).p99Millis() : null;
    double max = p99 == null ? s.maxMillis() : Math.max(s.maxMillis(), p99);
    return new ShapeDigest(s.fingerprint(), s.example(), s.kind(), s.calls(), s.totalMillis(), s.meanMillis(),
        s.minMillis(), max, s.p50Millis(), p95, p99, sent, examined, lock, s.firstSeen(), s.lastSeen(),
        s.databases(), s.users(), s.applications(), s.clients(), s.series(), s.readOnly(),
        s.distinctParameterSets(), s.partial());
  }
}

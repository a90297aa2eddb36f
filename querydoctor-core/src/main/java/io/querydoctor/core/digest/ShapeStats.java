package io.querydoctor.core.digest;

import java.time.Instant;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Running totals of one shape while a digest is built. Latencies go into an auto-resizing HdrHistogram in
 * microseconds with two significant digits (±1 %): a few kilobytes per shape for the range statements span
 * (1 µs … hours), and histograms merge exactly, which the "other" bucket relies on. Not thread-safe.
 */
final class ShapeStats {

  /** Per-shape chart resolution: an hour at one-minute buckets, coarser for longer logs. */
  private static final int SHAPE_SERIES_BUCKETS = 60;

  final String fingerprint;
  final String example;
  final String kind;
  private final IntCountsHistogram micros = new IntCountsHistogram(2);
  private final Breakdown databases = new Breakdown();
  private final Breakdown users = new Breakdown();
  private final Breakdown applications = new Breakdown();
  private final Breakdown clients = new Breakdown();
  private final TimeSeriesBuilder series;
  private long calls;
  private long callsWithoutDistribution;
  private double totalMillis;
  private double minMillis = Double.POSITIVE_INFINITY;
  private double maxMillis;
  private long rowsSent = -1;
  private long rowsExamined = -1;
  private double lockMillis = -1;
  private long firstSeen = Long.MAX_VALUE;
  private long lastSeen = Long.MIN_VALUE;
  boolean partial;
  boolean readOnly;
  /** Hashes of the distinct texts of a shape without bind markers; {@code null} once unknown. */
  private int[] texts = new int[0];

  ShapeStats(String fingerprint, String example, String kind, int seriesBuckets) {
    this.fingerprint = fingerprint;
    this.example = example;
    this.kind = kind;
    this.series = new TimeSeriesBuilder(seriesBuckets);
  }

  ShapeStats(String fingerprint, String example, String kind) {
    this(fingerprint, example, kind, SHAPE_SERIES_BUCKETS);
  }

  double totalMillis() {
    return totalMillis;
  }

  void record(LogStatement s) {
    double millis = Math.max(0, s.durationMillis());
    calls++;
    totalMillis += millis;
    minMillis = Math.min(minMillis, millis);
    maxMillis = Math.max(maxMillis, millis);
    micros.recordValue(Math.round(millis * 1000));
    rowsSent = addKnown(rowsSent, s.rowsSent());
    rowsExamined = addKnown(rowsExamined, s.rowsExamined());
    if (s.lockMillis() >= 0) {
      lockMillis = Math.max(lockMillis, 0) + s.lockMillis();
    }
    if (s.timestamp() != null) {
      long at = s.timestamp().toEpochMilli();
      seen(at, at);
      series.add(at, 1, millis);
    }
    databases.add(s.database(), 1);
    users.add(s.user(), 1);
    applications.add(s.application(), 1);
    clients.add(s.client(), 1);
  }

  /**
   * Remembers the statement's text as one parameter set, up to {@link ShapeDigest#MANY_PARAMETER_SETS}; a
   * statement with bind markers has its parameters elsewhere, so the count becomes unknown.
   */
  void recordText(String sql, boolean hasBindMarkers) {
    if (texts == null) {
      return;
    }
    if (hasBindMarkers) {
      texts = null;
      return;
    }
    if (texts.length > ShapeDigest.MANY_PARAMETER_SETS) {
      return;
    }
    int hash = sql.hashCode();
    for (int known : texts) {
      if (known == hash) {
        return;
      }
    }
    texts = java.util.Arrays.copyOf(texts, texts.length + 1);
    texts[texts.length - 1] = hash;
  }

  /** Adds executions known only as totals (pg_stat_statements): no distribution, so no percentiles. */
  void recordAggregate(AggregateStatement a) {
    calls += a.calls();
    callsWithoutDistribution += a.calls();
    texts = null;
    totalMillis += a.totalMillis();
    minMillis = Math.min(minMillis, a.minMillis());
    maxMillis = Math.max(maxMillis, a.maxMillis());
    rowsSent = addKnown(rowsSent, a.rows());
    databases.add(a.database(), a.calls());
    users.add(a.user(), a.calls());
  }

  void absorb(ShapeStats other) {
    if (texts != null && other.texts != null) {
      for (int hash : other.texts) {
        if (texts.length > ShapeDigest.MANY_PARAMETER_SETS) {
          break;
        }
        if (java.util.Arrays.stream(texts).noneMatch(h -> h == hash)) {
          texts = java.util.Arrays.copyOf(texts, texts.length + 1);
          texts[texts.length - 1] = hash;
        }
      }
    } else {
      texts = null;
    }
    calls += other.calls;
    callsWithoutDistribution += other.callsWithoutDistribution;
    totalMillis += other.totalMillis;
    minMillis = Math.min(minMillis, other.minMillis);
    maxMillis = Math.max(maxMillis, other.maxMillis);
    micros.add(other.micros);
    rowsSent = addKnown(rowsSent, other.rowsSent);
    rowsExamined = addKnown(rowsExamined, other.rowsExamined);
    if (other.lockMillis >= 0) {
      lockMillis = Math.max(lockMillis, 0) + other.lockMillis;
    }
    if (other.firstSeen != Long.MAX_VALUE) {
      seen(other.firstSeen, other.lastSeen);
    }
    series.absorb(other.series);
    databases.absorb(other.databases);
    users.absorb(other.users);
    applications.absorb(other.applications);
    clients.absorb(other.clients);
  }

  ShapeDigest snapshot() {
    boolean distribution = callsWithoutDistribution == 0 && micros.getTotalCount() > 0;
    return new ShapeDigest(fingerprint, example, kind, calls, totalMillis, calls == 0 ? 0 : totalMillis / calls,
        calls == 0 ? 0 : minMillis, maxMillis,
        distribution ? percentile(50) : null, distribution ? percentile(95) : null,
        distribution ? percentile(99) : null,
        rowsSent < 0 ? null : rowsSent, rowsExamined < 0 ? null : rowsExamined, lockMillis < 0 ? null : lockMillis,
        firstSeen == Long.MAX_VALUE ? null : Instant.ofEpochMilli(firstSeen),
        lastSeen == Long.MIN_VALUE ? null : Instant.ofEpochMilli(lastSeen),
        databases.snapshot(), users.snapshot(), applications.snapshot(), clients.snapshot(), series.snapshot(),
        readOnly, texts == null || calls == 0 ? null : Math.min(texts.length, ShapeDigest.MANY_PARAMETER_SETS),
        partial);
  }

  private void seen(long first, long last) {
    firstSeen = Math.min(firstSeen, first);
    lastSeen = Math.max(lastSeen, last);
  }

  /** Clamped to the observed range: a histogram bucket's upper edge may lie above the slowest execution. */
  private double percentile(double p) {
    double value = micros.getValueAtPercentile(p) / 1000.0;
    return Math.min(maxMillis, Math.max(minMillis, value));
  }

  private static long addKnown(long sum, long value) {
    return value < 0 ? sum : Math.max(sum, 0) + value;
  }
}

package io.querydoctor.core.digest;

import io.querydoctor.core.sql.Fingerprint;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link WorkloadDigest} from statements, one at a time, in bounded memory.
 *
 * <p>Design note. Statements are grouped by the capture layer's {@link SqlFingerprinter}, so a digest of a
 * log and a capture of the same application name the same shapes. Each shape's stats cost a few kilobytes
 * (mostly its latency histogram), so the number of shapes kept is capped at {@code maxShapes}. When the cap is
 * exceeded, the lighter half of the shapes (by total time so far) is folded into one "other" bucket whose
 * histogram, totals and breakdowns absorb theirs exactly: the amortised cost is O(log n) per new shape and the
 * heaviest shapes, which are what a reader acts on, stay exact. A shape folded once and seen again starts
 * anew and is marked {@code partial} (its earlier executions are in "other"). The ids of folded shapes are
 * remembered (up to ten times {@code maxShapes}), so the count of shapes only in "other" is exact: a shape
 * folded several times counts once, and not at all while it is listed again. The totals of the digest always
 * include everything. Not thread-safe: one builder per thread; digests of separate inputs can be combined by
 * digesting them through one builder in turn.
 */
public final class DigestBuilder {

  /** A few kilobytes per shape: 5 000 shapes stay well under 100 MB while covering any real top list. */
  public static final int DEFAULT_MAX_SHAPES = 5_000;

  /** Workload chart resolution: a day at one-minute buckets, coarser for longer logs. */
  private static final int WORKLOAD_SERIES_BUCKETS = 1_440;

  /** Distinct SQL strings whose fingerprints are cached; logs with inlined literals defeat it harmlessly. */
  private static final int FINGERPRINT_CACHE_ENTRIES = 20_000;

  private final DigestFingerprints fingerprints;
  private final int maxShapes;
  private final Map<String, ShapeStats> shapes = new HashMap<>();
  private final java.util.Set<String> folded = new java.util.HashSet<>();
  private final TimeSeriesBuilder series = new TimeSeriesBuilder(WORKLOAD_SERIES_BUCKETS);
  private ShapeStats other;
  private boolean foldedOverflow;
  /** Shapes folded after {@link #folded} was full: they may repeat, so the count becomes an upper bound. */
  private long unrememberedFolds;
  private long statements;
  private double totalMillis;
  private long firstSeen = Long.MAX_VALUE;
  private long lastSeen = Long.MIN_VALUE;

  public DigestBuilder(SqlDialect dialect, int maxShapes) {
    if (maxShapes < 2) {
      throw new IllegalArgumentException("maxShapes must be >= 2: " + maxShapes);
    }
    this.fingerprints = new DigestFingerprints(SqlFingerprinter.of(dialect), FINGERPRINT_CACHE_ENTRIES);
    this.maxShapes = maxShapes;
  }

  public DigestBuilder(SqlDialect dialect) {
    this(dialect, DEFAULT_MAX_SHAPES);
  }

  /** Adds one execution read from a log. */
  public void add(LogStatement statement) {
    double millis = Math.max(0, statement.durationMillis());
    statements++;
    totalMillis += millis;
    if (statement.timestamp() != null) {
      long at = statement.timestamp().toEpochMilli();
      firstSeen = Math.min(firstSeen, at);
      lastSeen = Math.max(lastSeen, at);
      series.add(at, 1, millis);
    }
    Fingerprint fingerprint = fingerprints.get(statement.sql());
    ShapeStats stats = shape(fingerprint);
    stats.record(statement);
    stats.recordText(statement.sql(), fingerprint.shape().parameterCount() > 0);
  }

  /** Adds executions known only as totals (pg_stat_statements rows or deltas). */
  public void add(AggregateStatement aggregate) {
    if (aggregate.calls() <= 0) {
      return;
    }
    statements += aggregate.calls();
    totalMillis += aggregate.totalMillis();
    shape(fingerprints.get(aggregate.sql())).recordAggregate(aggregate);
  }

  /**
   * Adds everything {@code other} has seen (a digest of another file built on another thread); {@code other}
   * must not be used afterwards. Shapes present in both merge exactly; the memory bound applies to the result.
   */
  public void absorb(DigestBuilder other) {
    statements += other.statements;
    totalMillis += other.totalMillis;
    firstSeen = Math.min(firstSeen, other.firstSeen);
    lastSeen = Math.max(lastSeen, other.lastSeen);
    series.absorb(other.series);
    other.folded.forEach(this::rememberFolded);
    foldedOverflow |= other.foldedOverflow;
    unrememberedFolds += other.unrememberedFolds;
    if (other.other != null) {
      if (this.other == null) {
        this.other = new ShapeStats(ShapeDigest.OTHER, "(other shapes)", "OTHER", WORKLOAD_SERIES_BUCKETS);
      }
      this.other.absorb(other.other);
    }
    for (ShapeStats theirs : other.shapes.values()) {
      ShapeStats ours = shapes.get(theirs.fingerprint);
      if (ours == null) {
        theirs.partial |= folded.contains(theirs.fingerprint);
        shapes.put(theirs.fingerprint, theirs);
      } else {
        ours.absorb(theirs);
        ours.partial |= theirs.partial;
      }
    }
    for (ShapeStats ours : shapes.values()) {
      ours.partial |= foldedOverflow || folded.contains(ours.fingerprint);
    }
    if (shapes.size() > maxShapes) {
      foldLighterHalf(null);
    }
  }

  /** The digest so far, shapes by total time; the builder can go on accepting statements. */
  public WorkloadDigest build(String source, ParseSummary parse) {
    List<ShapeDigest> kept = new ArrayList<>(shapes.size());
    for (ShapeStats stats : shapes.values()) {
      kept.add(stats.snapshot());
    }
    kept.sort(DigestSort.TOTAL.order());
    return new WorkloadDigest(source, statements, totalMillis,
        firstSeen == Long.MAX_VALUE ? null : java.time.Instant.ofEpochMilli(firstSeen),
        lastSeen == Long.MIN_VALUE ? null : java.time.Instant.ofEpochMilli(lastSeen),
        kept, other == null ? null : other.snapshot(), otherShapes(), series.snapshot(), parse);
  }

  /**
   * Distinct shapes with executions in "other" and no row of their own: the folded ones not kept again (a
   * shape folded, seen again and kept is listed, marked partial). Exact while every folded id is remembered.
   */
  private long otherShapes() {
    long foldedAway = 0;
    for (String id : folded) {
      if (!shapes.containsKey(id)) {
        foldedAway++;
      }
    }
    return foldedAway + unrememberedFolds;
  }

  /** Remembers a folded shape; past the bound it is only counted, and every new shape is suspect. */
  private void rememberFolded(String fingerprint) {
    if (folded.contains(fingerprint)) {
      return;
    }
    if (folded.size() < 10 * maxShapes) {
      folded.add(fingerprint);
    } else {
      foldedOverflow = true;
      unrememberedFolds++;
    }
  }

  private ShapeStats shape(Fingerprint fingerprint) {
    ShapeStats stats = shapes.get(fingerprint.id());
    if (stats == null) {
      stats = new ShapeStats(fingerprint.id(), fingerprint.normalized(), fingerprint.shape().kind().name());
      stats.partial = foldedOverflow || folded.contains(fingerprint.id());
      stats.readOnly = fingerprint.shape().kind() == io.querydoctor.core.sql.StatementKind.SELECT
          && !fingerprint.shape().locksRows();
      shapes.put(fingerprint.id(), stats);
      if (shapes.size() > maxShapes) {
        foldLighterHalf(stats);
      }
    }
    return stats;
  }

  /** Folds the lighter half into "other", never the shape just created (it has not been counted yet). */
  private void foldLighterHalf(ShapeStats keep) {
    List<ShapeStats> byTime = new ArrayList<>(shapes.values());
    byTime.remove(keep);
    byTime.sort(Comparator.comparingDouble(ShapeStats::totalMillis));
    int toFold = shapes.size() - maxShapes / 2;
    if (other == null) {
      other = new ShapeStats(ShapeDigest.OTHER, "(other shapes)", "OTHER", WORKLOAD_SERIES_BUCKETS);
    }
    for (int i = 0; i < toFold && i < byTime.size(); i++) {
      ShapeStats light = byTime.get(i);
      other.absorb(light);
      shapes.remove(light.fingerprint);
      // Remembering folded ids is what makes "partial" and the count of other shapes honest.
      rememberFolded(light.fingerprint);
    }
  }
}

package io.querydoctor.core.digest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the time of a workload went, per query shape: the engine-neutral result of digesting logs or
 * pg_stat_statements. Totals are honest: {@code statements} and {@code totalMillis} include the folded
 * {@code other} bucket, so the shapes plus {@code other} always add up to them.
 *
 * @param source what was digested (file names, "pg_stat_statements on …")
 * @param statements executions seen
 * @param totalMillis their summed time
 * @param firstSeen earliest timestamp, or {@code null}
 * @param lastSeen latest timestamp, or {@code null}
 * @param shapes the shapes kept individually, in the order of {@code sort}
 * @param other the folded tail (shapes beyond the memory bound or beyond {@code --top}), or {@code null}
 * @param otherShapes how many distinct shapes have executions only in {@code other} (exact while the builder
 *     remembers every folded shape, an upper bound past that), so {@code shapes.size() + otherShapes} is the
 *     number of distinct shapes seen
 * @param series calls and time per bucket over the whole workload
 * @param parse what the readers skipped, and why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkloadDigest(
    String source,
    long statements,
    double totalMillis,
    Instant firstSeen,
    Instant lastSeen,
    List<ShapeDigest> shapes,
    ShapeDigest other,
    long otherShapes,
    Series series,
    ParseSummary parse) {

  public WorkloadDigest {
    shapes = List.copyOf(shapes);
    series = series == null ? Series.EMPTY : series;
    parse = parse == null ? ParseSummary.EMPTY : parse;
  }

  /**
   * The {@code n} highest shapes by {@code sort}; the rest is folded into {@code other} (calls, time, min/max
   * and breakdowns add up; percentiles of a fold of summaries are unknown and left out).
   */
  public WorkloadDigest top(int n, DigestSort sort) {
    List<ShapeDigest> ranked = new ArrayList<>(shapes);
    ranked.sort(sort.order());
    if (ranked.size() <= n) {
      return new WorkloadDigest(source, statements, totalMillis, firstSeen, lastSeen, ranked, other, otherShapes,
          series, parse);
    }
    List<ShapeDigest> rest = ranked.subList(n, ranked.size());
    ShapeDigest folded = other;
    for (ShapeDigest shape : rest) {
      folded = fold(folded, shape);
    }
    return new WorkloadDigest(source, statements, totalMillis, firstSeen, lastSeen, List.copyOf(ranked.subList(0, n)),
        folded, otherShapes + rest.size(), series, parse);
  }

  /**
   * This digest with the percentiles a source without them lacks (pg_stat_statements keeps only totals) taken
   * from another source of the same workload, joined on the fingerprint: {@code percentiles} gives p50, p95,
   * p99 and max in milliseconds for a fingerprint, or {@code null}. The max comes with the percentiles, from the
   * same source, so that p95 ≤ max holds in every row (the other source times differently: a capture includes
   * the driver and the network). Shapes that already have percentiles keep theirs.
   */
  public WorkloadDigest withPercentilesFrom(java.util.function.Function<String, double[]> percentiles,
      String fromWhere) {
    List<ShapeDigest> joined = new ArrayList<>();
    for (ShapeDigest s : shapes) {
      double[] p = s.p95Millis() == null && !s.isOther() ? percentiles.apply(s.fingerprint()) : null;
      joined.add(p == null ? s : new ShapeDigest(s.fingerprint(), s.example(), s.kind(), s.calls(), s.totalMillis(),
          s.meanMillis(), s.minMillis(), Math.max(p[3], p[2]), p[0], p[1], p[2], s.rowsSent(), s.rowsExamined(),
          s.lockMillis(), s.firstSeen(), s.lastSeen(), s.databases(), s.users(), s.applications(), s.clients(),
          s.series(), s.readOnly(), s.distinctParameterSets(), s.partial()));
    }
    return new WorkloadDigest(source + "; p50, p95, p99 and max from " + fromWhere, statements, totalMillis, firstSeen,
        lastSeen, joined, other, otherShapes, series, parse);
  }

  /** The share of the workload's time a shape takes, 0..1. */
  public double shareOfTime(ShapeDigest shape) {
    return totalMillis <= 0 ? 0 : shape.totalMillis() / totalMillis;
  }

  private static ShapeDigest fold(ShapeDigest into, ShapeDigest shape) {
    if (into == null) {
      return new ShapeDigest(ShapeDigest.OTHER, "(other shapes)", "OTHER", shape.calls(), shape.totalMillis(),
          shape.meanMillis(), shape.minMillis(), shape.maxMillis(), null, null, null, shape.rowsSent(),
          shape.rowsExamined(), shape.lockMillis(), shape.firstSeen(), shape.lastSeen(), Map.of(), Map.of(),
          Map.of(), Map.of(), Series.EMPTY, false, null, false);
    }
    long calls = into.calls() + shape.calls();
    double total = into.totalMillis() + shape.totalMillis();
    return new ShapeDigest(ShapeDigest.OTHER, into.example(), into.kind(), calls, total,
        calls == 0 ? 0 : total / calls, Math.min(into.minMillis(), shape.minMillis()),
        Math.max(into.maxMillis(), shape.maxMillis()), null, null, null, sum(into.rowsSent(), shape.rowsSent()),
        sum(into.rowsExamined(), shape.rowsExamined()), sum(into.lockMillis(), shape.lockMillis()),
        earliest(into.firstSeen(), shape.firstSeen()), latest(into.lastSeen(), shape.lastSeen()),
        into.databases(), into.users(), into.applications(), into.clients(), into.series(), false, null, false);
  }

  private static Long sum(Long a, Long b) {
    return a == null ? b : b == null ? a : Long.valueOf(a + b);
  }

  private static Double sum(Double a, Double b) {
    return a == null ? b : b == null ? a : Double.valueOf(a + b);
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }

  private static Instant latest(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }
}

package io.querydoctor.remedies.cache;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges the cache's own counts. {@code cache-ineffective}: a cached shape's hit ratio is under 30 % over at
 * least {@code minLookups} lookups (the runbooks' "alert if hit rate < 30 %"), so it costs memory and a copy of
 * every result for little. {@code cache-write-heavy}: a table cached shapes read is written (through the data
 * source) more often than those shapes look it up, so entries die before they are used.
 *
 * @param minHitRatio below this a shape is ineffective (0.30)
 * @param minLookups lookups a shape needs before it is judged, so a cold cache stays silent (100)
 * @param minWrites writes a table needs before it is judged (20)
 */
public record CacheFindings(double minHitRatio, long minLookups, long minWrites) {

  public static final String INEFFECTIVE = "cache-ineffective";
  public static final String WRITE_HEAVY = "cache-write-heavy";

  public static CacheFindings defaults() {
    return new CacheFindings(0.30, 100, 20);
  }

  List<Finding> judge(CacheCounters counters) {
    List<Finding> findings = new ArrayList<>();
    for (ShapeStatistics shape : counters.shapes()) {
      if (shape.lookups() >= minLookups && shape.hitRatio() < minHitRatio) {
        findings.add(ineffective(shape));
      }
    }
    for (String table : counters.readTables()) {
      long reads = counters.reads(table);
      long writes = counters.writes(table);
      if (writes >= minWrites && writes > reads) {
        findings.add(writeHeavy(table, reads, writes));
      }
    }
    return findings;
  }

  private Finding ineffective(ShapeStatistics shape) {
    return Finding.builder(INEFFECTIVE, Severity.LOW)
        .title(String.format(java.util.Locale.ROOT, "Cached query hits %.0f %% of %d lookups: %s",
            100 * shape.hitRatio(), shape.lookups(), shape.example()))
        .subject(Subject.fingerprint(shape.fingerprintId()))
        .detail("Each miss copies the result into memory and most entries are dropped (" + shape.invalidations()
            + " invalidated, " + shape.evictions() + " evicted) before they are read again: the parameters vary"
            + " too much, the TTL is too short, or its tables are written too often.")
        .evidence(Evidence.crossed("hit_ratio", shape.hitRatio(), "ratio", minHitRatio))
        .evidence(Evidence.of("lookups", shape.lookups(), "count"))
        .evidence(Evidence.of("invalidations", shape.invalidations(), "count"))
        .evidence(Evidence.of("evictions", shape.evictions(), "count"))
        .impact(Impact.unknown("memory and a copy per miss for few hits"))
        .fix(Fix.code("Stop caching this shape (or cache a coarser result the callers share)",
            "CacheOptions.builder().neverCacheFingerprints(\"" + shape.fingerprintId() + "\")"))
        .build();
  }

  private Finding writeHeavy(String table, long reads, long writes) {
    return Finding.builder(WRITE_HEAVY, Severity.LOW)
        .title("Cached table " + table + " is written more often than read: " + writes + " writes, " + reads
            + " cached lookups")
        .subject(Subject.table(table))
        .detail("Every committed write invalidates the table's entries, so they rarely live to be read.")
        .evidence(Evidence.crossed("writes_per_lookup", reads == 0 ? writes : (double) writes / reads, "ratio", 1))
        .evidence(Evidence.of("writes", writes, "count"))
        .evidence(Evidence.of("lookups", reads, "count"))
        .impact(Impact.unknown("invalidation churn"))
        .fix(Fix.code("Do not cache reads of " + table,
            "CacheOptions.builder().neverCacheTables(\"" + table + "\")"))
        .build();
  }
}

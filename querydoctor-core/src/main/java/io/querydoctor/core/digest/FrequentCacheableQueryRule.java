package io.querydoctor.core.digest;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code frequent-cacheable-query}: a plain read runs more often than the threshold per minute, with few
 * distinct parameter sets, against tables the digested workload rarely writes. It only speaks when it knows:
 * the digest needs timestamps (calls per minute), the log must carry the literals (with bind parameters the
 * parameter sets are in other log lines, and the count is unknown), and the shape's tables must be found.
 * Its impact is the time the repeated executions cost: each parameter set would still be read once.
 */
public final class FrequentCacheableQueryRule {

  public static final String RULE = "frequent-cacheable-query";

  private final DigestThresholds thresholds;

  public FrequentCacheableQueryRule(DigestThresholds thresholds) {
    this.thresholds = thresholds;
  }

  public List<Finding> findings(WorkloadDigest digest) {
    if (digest.firstSeen() == null) {
      return List.of();
    }
    double minutes = DigestPeriod.hours(digest) * 60;
    Map<String, Long> writesByTable = writesByTable(digest);
    List<Finding> findings = new ArrayList<>();
    for (ShapeDigest shape : digest.shapes()) {
      Integer sets = shape.distinctParameterSets();
      double callsPerMinute = shape.calls() / minutes;
      if (shape.isOther() || !shape.readOnly() || sets == null || sets > thresholds.cacheableMaxParameterSets()
          || callsPerMinute <= thresholds.cacheableCallsPerMinute()) {
        continue;
      }
      Set<String> tables = StatementTables.read(shape.example());
      if (tables.isEmpty()) {
        continue;
      }
      long writes = tables.stream().mapToLong(t -> writesByTable.getOrDefault(t, 0L)).sum();
      double writesPerMinute = writes / minutes;
      if (writesPerMinute > thresholds.cacheableMaxWritesPerMinute()) {
        continue;
      }
      findings.add(finding(digest, shape, sets, callsPerMinute, writesPerMinute, tables));
    }
    return findings;
  }

  private Finding finding(WorkloadDigest digest, ShapeDigest shape, int sets, double callsPerMinute,
      double writesPerMinute, Set<String> tables) {
    double savedMillis = shape.meanMillis() * (shape.calls() - sets);
    double hours = DigestPeriod.hours(digest);
    String tableList = String.join(", ", tables);
    return Finding.builder(RULE, digest.shareOfTime(shape) >= 0.10 ? Severity.MEDIUM : Severity.LOW)
        .title(String.format(Locale.ROOT, "Cacheable query (%s calls/min, %d distinct parameter set%s): %s",
            Quantities.number(Math.round(callsPerMinute)), sets, sets == 1 ? "" : "s",
            shape.headline(SlowQueryRule.TITLE_CHARS)))
        .subject(Subject.fingerprint(shape.fingerprint()))
        .detail("`" + shape.example() + "` ran " + Quantities.number(shape.calls()) + " times with only " + sets
            + " distinct parameter set" + (sets == 1 ? "" : "s") + ", while " + tableList + " saw "
            + String.format(Locale.ROOT, "%.2f", writesPerMinute) + " writes/min in the same workload.")
        .evidence(Evidence.crossed("calls_per_minute", callsPerMinute, "calls/min",
            thresholds.cacheableCallsPerMinute()))
        .evidence(Evidence.of("distinct_parameter_sets", sets, "count"))
        .evidence(Evidence.of("writes_per_minute", writesPerMinute, "writes/min"))
        .impact(new Impact(savedMillis / hours, "mean " + Quantities.millis(shape.meanMillis()) + " × (calls − "
            + "parameter sets) " + DigestPeriod.describe(digest)))
        .fix(Fix.code("Cache the result in the application, keyed by its parameters, and invalidate it when "
            + tableList + " change (or give it a short TTL).", null))
        .build();
  }

  private static Map<String, Long> writesByTable(WorkloadDigest digest) {
    Map<String, Long> writes = new HashMap<>();
    List<ShapeDigest> all = new ArrayList<>(digest.shapes());
    for (ShapeDigest shape : all) {
      for (String table : StatementTables.written(shape.example())) {
        writes.merge(table, shape.calls(), Long::sum);
      }
    }
    return writes;
  }
}

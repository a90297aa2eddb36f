package io.querydoctor.micrometer;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.querydoctor.core.capture.ScopeRecord;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A timer and a statement count per scope name (a route such as {@code GET /owners/{id}}, a job, a test). Names
 * are what the application chose and usually few, but nothing guarantees it: the first {@code maxNames} names
 * get their own series, later ones count under {@code other}.
 */
final class ScopeMeters {

  static final String SCOPE = "querydoctor.scope";
  static final String STATEMENTS = "querydoctor.scope.statements";
  static final String OTHER = "other";

  private final MeterRegistry registry;
  private final int maxNames;
  private final Map<String, Series> byName = new ConcurrentHashMap<>();

  ScopeMeters(MeterRegistry registry, int maxNames) {
    this.registry = registry;
    this.maxNames = maxNames;
  }

  void record(ScopeRecord scope) {
    Series series = byName.get(scope.name());
    if (series == null) {
      String name = byName.size() < maxNames ? scope.name() : OTHER;
      series = byName.computeIfAbsent(name, n -> new Series(registry, n));
    }
    series.duration.record(Math.max(0, scope.durationNanos()), TimeUnit.NANOSECONDS);
    series.statements.record(scope.statementCount());
  }

  private static final class Series {
    final Timer duration;
    final DistributionSummary statements;

    Series(MeterRegistry registry, String name) {
      duration = Timer.builder(SCOPE).description("Units of work (requests, jobs, tests) and how long they took")
          .tag("scope", name).register(registry);
      statements = DistributionSummary.builder(STATEMENTS).description("Statements run per unit of work")
          .baseUnit("statements").tag("scope", name).register(registry);
    }
  }
}

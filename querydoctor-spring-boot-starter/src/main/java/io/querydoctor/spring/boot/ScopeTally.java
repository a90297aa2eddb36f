package io.querydoctor.spring.boot;

import io.querydoctor.core.capture.CaptureListener;
import io.querydoctor.core.capture.ScopeKind;
import io.querydoctor.core.capture.ScopeRecord;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Statement counts per scope name (the application's scopes: requests, scheduled runs, its own), for the
 * endpoint. Bounded: the first {@code maxNames} names get a row of their own, later ones count under
 * {@code other}. A nested scope counts under its own name and again, absorbed, under its parent's.
 */
final class ScopeTally implements CaptureListener {

  static final String OTHER = "other";

  private final int maxNames;
  private final ConcurrentHashMap<String, Counts> byName = new ConcurrentHashMap<>();

  ScopeTally(int maxNames) {
    this.maxNames = maxNames;
  }

  @Override
  public void scopeClosed(ScopeRecord scope) {
    if (scope.kind() != ScopeKind.EXPLICIT) {
      return;
    }
    Counts counts = byName.get(scope.name());
    if (counts == null) {
      String name = byName.size() < maxNames ? scope.name() : OTHER;
      counts = byName.computeIfAbsent(name, n -> new Counts());
    }
    counts.add(scope);
  }

  /** ScopeCountss by statements, most first. */
  List<ScopeCounts> rows() {
    return byName.entrySet().stream().map(e -> e.getValue().row(e.getKey()))
        .sorted(Comparator.comparingLong(ScopeCounts::statements).reversed().thenComparing(ScopeCounts::name)).toList();
  }

  private static final class Counts {
    final LongAdder runs = new LongAdder();
    final LongAdder statements = new LongAdder();
    final LongAccumulator max = new LongAccumulator(Math::max, 0);
    final LongAdder databaseNanos = new LongAdder();

    void add(ScopeRecord scope) {
      runs.increment();
      statements.add(scope.statementCount());
      max.accumulate(scope.statementCount());
      databaseNanos.add(scope.databaseNanos());
    }

    ScopeCounts row(String name) {
      return new ScopeCounts(name, runs.sum(), statements.sum(), max.get(), databaseNanos.sum() / 1e6);
    }
  }
}

package io.querydoctor.remedies.cache;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hit, miss, eviction and invalidation counts per shape, and reads and writes per cached table: what
 * {@link CacheFindings} judges. Counting is a {@link LongAdder} increment, safe from any thread.
 */
final class CacheCounters {

  private static final class Shape {
    final String example;
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder evictions = new LongAdder();
    final LongAdder invalidations = new LongAdder();

    Shape(String example) {
      this.example = example;
    }
  }

  private final Map<String, Shape> shapes = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> tableReads = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> tableWrites = new ConcurrentHashMap<>();

  private Shape shape(String id, String example) {
    return shapes.computeIfAbsent(id, k -> new Shape(example));
  }

  void hit(StatementPlan plan) {
    shape(plan.fingerprint().id(), plan.fingerprint().normalized()).hits.increment();
    read(plan);
  }

  void miss(StatementPlan plan) {
    shape(plan.fingerprint().id(), plan.fingerprint().normalized()).misses.increment();
    read(plan);
  }

  private void read(StatementPlan plan) {
    for (String table : plan.tables()) {
      tableReads.computeIfAbsent(table, k -> new LongAdder()).increment();
    }
  }

  void evicted(String fingerprintId) {
    Shape shape = shapes.get(fingerprintId);
    if (shape != null) {
      shape.evictions.increment();
    }
  }

  void invalidated(String fingerprintId) {
    Shape shape = shapes.get(fingerprintId);
    if (shape != null) {
      shape.invalidations.increment();
    }
  }

  /** A committed write to {@code table}; counted only for tables a cached shape reads. */
  void written(String table) {
    if (tableReads.containsKey(table)) {
      tableWrites.computeIfAbsent(table, k -> new LongAdder()).increment();
    }
  }

  List<ShapeStatistics> shapes() {
    return shapes.entrySet().stream()
        .map(e -> new ShapeStatistics(e.getKey(), e.getValue().example, e.getValue().hits.sum(),
            e.getValue().misses.sum(), e.getValue().evictions.sum(), e.getValue().invalidations.sum()))
        .sorted(Comparator.comparingLong(ShapeStatistics::lookups).reversed())
        .toList();
  }

  long reads(String table) {
    LongAdder reads = tableReads.get(table);
    return reads == null ? 0 : reads.sum();
  }

  long writes(String table) {
    LongAdder writes = tableWrites.get(table);
    return writes == null ? 0 : writes.sum();
  }

  List<String> readTables() {
    return tableReads.keySet().stream().sorted().toList();
  }
}

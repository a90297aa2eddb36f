package io.querydoctor.core.digest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls per value of one dimension (database, user, application, client) of one shape. Bounded: after
 * {@link #MAX_VALUES} distinct values, further ones are counted under {@link #OTHER}, so a workload with a
 * client address per connection cannot grow it. Not thread-safe.
 */
final class Breakdown {

  static final int MAX_VALUES = 16;
  static final String OTHER = "(other)";

  private final Map<String, long[]> calls = new HashMap<>(4);

  void add(String value, long count) {
    if (value == null || value.isEmpty()) {
      return;
    }
    long[] slot = calls.get(value);
    if (slot == null) {
      String key = calls.size() < MAX_VALUES ? value : OTHER;
      slot = calls.computeIfAbsent(key, k -> new long[1]);
    }
    slot[0] += count;
  }

  void absorb(Breakdown other) {
    other.calls.forEach((value, count) -> add(value, count[0]));
  }

  /** Values by calls, most first. */
  Map<String, Long> snapshot() {
    Map<String, Long> ordered = new LinkedHashMap<>();
    calls.entrySet().stream()
        .sorted((a, b) -> a.getValue()[0] != b.getValue()[0]
            ? Long.compare(b.getValue()[0], a.getValue()[0]) : a.getKey().compareTo(b.getKey()))
        .forEach(e -> ordered.put(e.getKey(), e.getValue()[0]));
    return ordered;
  }
}

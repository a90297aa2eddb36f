package io.querydoctor.core.plan;

import java.util.List;

/**
 * How a sort node sorted.
 *
 * @param keys sort keys as printed ({@code o.created_at DESC})
 * @param presortedKeys keys an incremental sort found already sorted; empty otherwise
 * @param method {@code quicksort}, {@code top-N heapsort}, {@code external merge}, {@code external sort}; null
 *     without ANALYZE
 * @param spaceType {@code Memory} or {@code Disk}; null without ANALYZE
 * @param spaceKb memory or disk used, in kB; 0 when not reported
 */
public record SortInfo(List<String> keys, List<String> presortedKeys, String method, String spaceType, long spaceKb) {

  public SortInfo {
    keys = List.copyOf(keys);
    presortedKeys = List.copyOf(presortedKeys);
  }

  /** True when the sort wrote to disk: external merge/sort or disk space reported. */
  public boolean spilled() {
    return "Disk".equalsIgnoreCase(spaceType) || (method != null && method.startsWith("external"));
  }
}

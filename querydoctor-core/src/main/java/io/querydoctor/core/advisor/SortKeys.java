package io.querydoctor.core.advisor;

import java.util.List;

/** Comparisons of index key lists. */
final class SortKeys {

  private SortKeys() {}

  /**
   * Whether {@code prefix} is a left prefix of {@code keys}: same expressions, and directions either all equal
   * or all reversed (a B-tree scans backwards as well, so {@code (a, b)} serves {@code ORDER BY a DESC, b DESC}).
   */
  static boolean isPrefix(List<SortKey> prefix, List<SortKey> keys) {
    if (prefix.size() > keys.size()) {
      return false;
    }
    boolean same = true;
    boolean reversed = true;
    for (int i = 0; i < prefix.size(); i++) {
      if (!prefix.get(i).expression().equals(keys.get(i).expression())) {
        return false;
      }
      boolean equalDirection = prefix.get(i).descending() == keys.get(i).descending();
      same &= equalDirection;
      reversed &= !equalDirection;
    }
    return same || reversed;
  }
}

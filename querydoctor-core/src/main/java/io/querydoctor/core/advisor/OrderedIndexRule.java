package io.querydoctor.core.advisor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * B-tree keys ordered the way experts order them: the columns compared by equality first (a lookup narrows
 * to one key prefix whatever their order), then at most one range column (a B-tree can seek on one range,
 * and every column after it only filters), or else the {@code ORDER BY} columns with their directions so the
 * index returns rows already sorted, or the {@code GROUP BY} columns. {@code IN} lists count as equality for
 * the seek but break the order, so they are never followed by sort keys.
 *
 * <p>Besides the full composite it proposes each lookup and range column alone, because a narrower index is
 * cheaper and may serve several queries (the selection decides; Extend grows indexes from such singles).
 */
public final class OrderedIndexRule implements CandidateRule {

  /** Wider indexes are rarely worth their size; the index-selection literature evaluates widths up to 2–3. */
  static final int MAX_KEYS = 3;

  @Override
  public List<IndexCandidate> propose(TableAccess access) {
    Set<IndexCandidate> out = new LinkedHashSet<>();
    List<SortKey> keys = keys(access);
    if (!keys.isEmpty()) {
      out.add(IndexCandidate.btree(access.table(), keys, CandidateKind.ORDERED));
    }
    List<String> singles = new ArrayList<>(access.lookupColumns());
    singles.addAll(access.range());
    for (String column : singles) {
      out.add(IndexCandidate.btree(access.table(), List.of(SortKey.ascending(column)), CandidateKind.ORDERED));
    }
    return List.copyOf(out);
  }

  /** The ordered composite for {@code access}, or empty when the access filters and sorts on nothing. */
  static List<SortKey> keys(TableAccess access) {
    List<SortKey> keys = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (String column : access.equality()) {
      add(keys, used, SortKey.ascending(column));
    }
    for (String column : access.join()) {
      add(keys, used, SortKey.ascending(column));
    }
    for (String column : access.in()) {
      add(keys, used, SortKey.ascending(column));
    }
    List<String> ranges = access.range().stream().filter(c -> !used.contains(c)).toList();
    if (!ranges.isEmpty()) {
      add(keys, used, SortKey.ascending(ranges.get(0)));
    } else if (access.in().isEmpty() && !access.orderBy().isEmpty()) {
      access.orderBy().forEach(k -> add(keys, used, k));
    } else if (access.in().isEmpty()) {
      access.groupBy().forEach(c -> add(keys, used, SortKey.ascending(c)));
    }
    return keys.size() > MAX_KEYS ? List.copyOf(keys.subList(0, MAX_KEYS)) : keys;
  }

  private static void add(List<SortKey> keys, Set<String> used, SortKey key) {
    if (used.add(key.expression())) {
      keys.add(key);
    }
  }
}

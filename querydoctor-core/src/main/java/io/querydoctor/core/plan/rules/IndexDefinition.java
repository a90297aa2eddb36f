package io.querydoctor.core.plan.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An index a plan rule suggests, with its columns in the order that lets one B-tree serve the query:
 * equality columns first (any order among them works for lookups), then one range column (a B-tree can only
 * range-scan on the first non-equality column), then the sort columns (so rows come out in order and a LIMIT
 * can stop early), then columns only read, as {@code INCLUDE} for an index-only scan.
 */
public record IndexDefinition(String table, List<String> equality, List<String> range, List<String> sort,
    List<String> include) {

  public IndexDefinition {
    equality = List.copyOf(equality);
    range = List.copyOf(range);
    sort = List.copyOf(sort);
    include = List.copyOf(include);
  }

  /** The key columns in order, each once. */
  public List<String> keyColumns() {
    Set<String> keys = new LinkedHashSet<>(equality);
    if (!range.isEmpty()) {
      keys.add(range.get(0));
    }
    for (String key : sort) {
      // A sort on a column already in the key (the range column) is served by that key position.
      if (!keys.contains(key.split(" ")[0])) {
        keys.add(key);
      }
    }
    return new ArrayList<>(keys);
  }

  public boolean isEmpty() {
    return keyColumns().isEmpty();
  }

  /**
   * A sentence for a key that is a column cast to text ({@code ((email)::text)}), whose type the plan does not
   * tell: the expression index is right for any type; for a text column a plain index does the same. Empty
   * when there is no such key.
   */
  public String castNote() {
    return keyColumns().stream().filter(k -> k.startsWith("((") && k.endsWith(")::text)")).findFirst()
        .map(k -> " The filter casts " + k.substring(2, k.indexOf(')')) + " to text: the expression key serves it"
            + " whatever the column's type; if it is a text (varchar) column, a plain index on it does the same.")
        .orElse("");
  }

  /** Paste-ready DDL; CONCURRENTLY so that building it does not block writes on a live table. */
  public String ddl() {
    List<String> keys = keyColumns();
    List<String> included = include.stream().filter(c -> !keys.contains(c)).distinct().toList();
    return "CREATE INDEX CONCURRENTLY ON " + table + " (" + String.join(", ", keys) + ")"
        + (included.isEmpty() ? "" : " INCLUDE (" + String.join(", ", included) + ")") + ";";
  }
}

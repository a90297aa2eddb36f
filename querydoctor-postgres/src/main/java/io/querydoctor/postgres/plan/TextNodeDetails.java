package io.querydoctor.postgres.plan;

import io.querydoctor.core.plan.Buffers;
import io.querydoctor.core.plan.Conditions;
import io.querydoctor.core.plan.HashInfo;
import io.querydoctor.core.plan.NodeKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The detail lines under a node of a text plan ({@code Filter: …}, {@code Sort Method: external merge  Disk:
 * 1234kB}, {@code Buckets: 1024  Batches: 4 (originally 1)  Memory Usage: 9kB}, {@code Buffers: shared hit=3
 * read=1}, …) read into the node's draft. Lines it does not know (Output, Worker lines, I/O timings, Memoize
 * counters) are ignored, as the JSON reader ignores fields it does not know.
 */
final class TextNodeDetails {

  private TextNodeDetails() {}

  /** Reads {@code line} (trimmed, {@code Key: value}) into {@code node}. */
  static void apply(TextNodeDraft node, String line, int lineNumber) {
    int colon = line.indexOf(": ");
    String key = colon < 0 ? line.substring(0, line.length() - 1) : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 2).strip();
    try {
      if (!condition(node, key, value)) {
        figure(node, key, value, line);
      }
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new PlanFormatException("line " + lineNumber + ": unreadable number in \"" + line + "\"");
    }
  }

  private static boolean condition(TextNodeDraft node, String key, String value) {
    switch (key) {
      case "Filter" -> node.filter = value;
      case "Index Cond" -> node.indexCond = value;
      case "Recheck Cond" -> node.recheckCond = value;
      case "Join Filter" -> node.joinFilter = value;
      case "Hash Cond" -> node.hashCond = value;
      case "Merge Cond" -> node.mergeCond = value;
      case "Sort Key" -> node.sortKeys = list(value);
      case "Presorted Key" -> node.presortedKeys = list(value);
      case "Group Key" -> node.builder.groupKeys(list(value));
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void figure(TextNodeDraft node, String key, String value, String line) {
    switch (key) {
      case "Rows Removed by Filter" -> node.removedByFilter = Double.parseDouble(value);
      case "Rows Removed by Join Filter" -> node.removedByJoinFilter = Double.parseDouble(value);
      case "Rows Removed by Index Recheck" -> node.removedByIndexRecheck = Double.parseDouble(value);
      case "Heap Fetches" -> node.builder.heapFetches(Double.parseDouble(value));
      case "Heap Blocks" -> heapBlocks(node, value);
      case "Workers Planned" -> node.workersPlanned = Integer.valueOf(value);
      case "Workers Launched" -> node.workersLaunched = Integer.valueOf(value);
      case "Buffers" -> node.buffers = buffers(value);
      case "Sort Method" -> sortMethod(node, line);
      case "Full-sort Groups", "Pre-sorted Groups" -> sortGroups(node, line);
      case "Buckets", "Batches", "Planned Partitions" -> hash(node, line);
      default -> { }
    }
  }

  /** {@code exact=12 lossy=3}; either may be missing. */
  private static void heapBlocks(TextNodeDraft node, String value) {
    Map<String, String> counts = assignments(value);
    node.builder.heapBlocks(count(counts, "exact"), count(counts, "lossy"));
  }

  /** {@code shared hit=3 read=1 dirtied=2, local hit=1, temp read=5 written=5}; absent counts are 0. */
  private static Buffers buffers(String value) {
    Map<String, Map<String, String>> groups = new LinkedHashMap<>();
    for (String group : value.split(", ")) {
      int space = group.indexOf(' ');
      if (space > 0) {
        groups.put(group.substring(0, space), assignments(group.substring(space + 1)));
      }
    }
    Map<String, String> shared = groups.getOrDefault("shared", Map.of());
    Map<String, String> local = groups.getOrDefault("local", Map.of());
    Map<String, String> temp = groups.getOrDefault("temp", Map.of());
    return new Buffers(count(shared, "hit"), count(shared, "read"), count(shared, "dirtied"),
        count(shared, "written"), count(local, "hit"), count(local, "read"), count(temp, "read"),
        count(temp, "written"));
  }

  /** {@code Sort Method: external merge  Disk: 1234kB}. */
  private static void sortMethod(TextNodeDraft node, String line) {
    Map<String, String> fields = fields(line);
    node.sortMethods.add(fields.get("Sort Method"));
    for (String type : List.of("Disk", "Memory")) {
      if (fields.containsKey(type)) {
        node.sortSpaceType = type;
        node.sortSpaceKb = kilobytes(fields.get(type));
      }
    }
  }

  /**
   * An incremental sort's group line: {@code Full-sort Groups: 4  Sort Method: quicksort  Average Memory: 26kB
   * Peak Memory: 26kB}. As in the JSON reader, disk in either kind of group means it spilled.
   */
  private static void sortGroups(TextNodeDraft node, String line) {
    Map<String, String> fields = fields(line);
    String methods = fields.getOrDefault("Sort Methods", fields.get("Sort Method"));
    if (methods != null) {
      for (String method : methods.split(", ")) {
        if (!node.sortMethods.contains(method)) {
          node.sortMethods.add(method);
        }
      }
    }
    if (fields.containsKey("Peak Disk")) {
      node.sortSpaceType = "Disk";
      node.sortSpaceKb = Math.max(node.sortSpaceKb, kilobytes(fields.get("Peak Disk")));
    } else if (fields.containsKey("Peak Memory")) {
      node.sortSpaceType = node.sortSpaceType == null ? "Memory" : node.sortSpaceType;
      node.sortSpaceKb = Math.max(node.sortSpaceKb, kilobytes(fields.get("Peak Memory")));
    }
  }

  /**
   * A hash table's line: {@code Buckets: 65536 (originally 1024)  Batches: 4 (originally 1)  Memory Usage: 9kB}
   * for a hash join's Hash node, {@code Planned Partitions: 4  Batches: 5  Memory Usage: 4145kB  Disk Usage:
   * 5640kB} for a hashed aggregate.
   */
  private static void hash(TextNodeDraft node, String line) {
    Map<String, String> fields = fields(line);
    if (!fields.containsKey("Batches")) {
      return;
    }
    long batches = count(fields.get("Batches"));
    long memory = fields.containsKey("Memory Usage") ? kilobytes(fields.get("Memory Usage")) : 0;
    if (node.kind() == NodeKind.HASH || fields.containsKey("Buckets")) {
      node.hash = new HashInfo(count(fields.get("Buckets")), batches, original(fields.get("Batches")), memory, 0);
    } else {
      long planned = fields.containsKey("Planned Partitions") ? count(fields.get("Planned Partitions")) : 0;
      long disk = fields.containsKey("Disk Usage") ? kilobytes(fields.get("Disk Usage")) : 0;
      node.hash = new HashInfo(0, batches, planned, memory, disk);
    }
  }

  /** {@code 4 (originally 1)} → 1; {@code 4} → 4. */
  private static long original(String value) {
    int at = value.indexOf("(originally ");
    return at < 0 ? count(value) : count(value.substring(at + "(originally ".length(), value.indexOf(')', at)));
  }

  /** {@code 65536 (originally 1024)} → 65536. */
  private static long count(String value) {
    if (value == null) {
      return 0;
    }
    int space = value.indexOf(' ');
    return Long.parseLong(space < 0 ? value : value.substring(0, space));
  }

  private static long count(Map<String, String> values, String key) {
    String value = values.get(key);
    return value == null ? 0 : Long.parseLong(value);
  }

  private static long kilobytes(String value) {
    return Long.parseLong(value.endsWith("kB") ? value.substring(0, value.length() - 2) : value);
  }

  /** {@code Key: value  Key: value} (fields separated by two spaces). */
  private static Map<String, String> fields(String line) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String part : line.split(" {2,}")) {
      int colon = part.indexOf(": ");
      if (colon > 0) {
        fields.put(part.substring(0, colon), part.substring(colon + 2).strip());
      }
    }
    return fields;
  }

  /** {@code hit=3 read=1}. */
  private static Map<String, String> assignments(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String part : text.strip().split(" +")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        values.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return values;
  }

  /** Splits {@code a, lower(b), c} at the commas outside parentheses and quotes, as the JSON lists them. */
  static List<String> list(String value) {
    return Conditions.splitOutside(value, ", ");
  }
}

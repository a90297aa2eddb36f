package io.querydoctor.mysql.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.querydoctor.core.plan.Actual;
import io.querydoctor.core.plan.Estimate;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code table} object of a MySQL/MariaDB JSON plan, read into the fields the plan model and the MySQL rules
 * need. The access type decides the kind: {@code ALL} is a sequential scan, {@code index} a full index scan (also a
 * scan of everything), {@code range}/{@code ref}/{@code eq_ref}/{@code const} index lookups, {@code index_merge} a
 * bitmap-like combination of index lookups.
 */
final class TableAccess {

  private final JsonNode t;
  private final JsonNode blockJoin;
  private final String accessType;
  private final double examined;
  private final double filtered;
  private final String joinBuffer;
  private final String indexMerge;
  private final List<String> mergedIndexes = new ArrayList<>();

  private TableAccess(JsonNode t, JsonNode blockJoin) {
    this.t = t;
    this.blockJoin = blockJoin;
    this.accessType = t.path("access_type").asText("ALL");
    this.examined = t.has("rows_examined_per_scan") ? MysqlJsonPlanReader.number(t.get("rows_examined_per_scan"))
        : MysqlJsonPlanReader.number(t.get("rows"));
    this.filtered = t.has("filtered") ? MysqlJsonPlanReader.number(t.get("filtered")) : 100;
    String buffer = t.has("using_join_buffer") ? t.get("using_join_buffer").asText() : null;
    if (blockJoin != null) {
      buffer = blockJoin.path("join_type").asText("BNL");
    }
    this.joinBuffer = buffer;
    JsonNode merge = t.get("index_merge");
    String mergeKind = null;
    if (merge != null) {
      for (String kind : List.of("intersect", "union", "sort_union")) {
        if (merge.has(kind)) {
          mergeKind = kind;
          collectMerged(merge.get(kind));
        }
      }
    } else if ("index_merge".equals(accessType)) {
      mergeKind = mysqlMergeKind(t.path("key").asText(""));
      mergedIndexes.add(t.path("key").asText(""));
    }
    this.indexMerge = mergeKind;
  }

  static TableAccess of(JsonNode t, JsonNode blockJoin) {
    return new TableAccess(t, blockJoin);
  }

  /** MySQL names the merge in the key: {@code intersect(idx_a,idx_b)}, {@code union(…)}, {@code sort_union(…)}. */
  private static String mysqlMergeKind(String key) {
    int paren = key.indexOf('(');
    return paren > 0 ? key.substring(0, paren) : "index_merge";
  }

  private void collectMerged(JsonNode parts) {
    for (JsonNode part : parts) {
      JsonNode range = part.has("range") ? part.get("range") : part;
      if (range.has("key")) {
        mergedIndexes.add(range.get("key").asText() + "(" + String.join(", ",
            MysqlJsonPlanReader.texts(range.path("used_key_parts"))) + ")");
      }
    }
  }

  String table() {
    return t.path("table_name").asText("?");
  }

  String index() {
    if (indexMerge != null) {
      return String.join(" + ", mergedIndexes);
    }
    return t.has("key") ? t.get("key").asText() : null;
  }

  NodeKind kind() {
    return switch (accessType) {
      case "ALL", "index", "hash_ALL", "hash_index" -> NodeKind.SEQ_SCAN;
      case "index_merge" -> NodeKind.BITMAP_HEAP_SCAN;
      case "range", "ref", "eq_ref", "const", "system", "ref_or_null", "fulltext", "unique_subquery",
          "index_subquery", "hash_range", "hash_eq_ref", "hash_ref" -> t.path("using_index").asBoolean()
          ? NodeKind.INDEX_ONLY_SCAN : NodeKind.INDEX_SCAN;
      default -> NodeKind.OTHER_SCAN;
    };
  }

  String nodeType() {
    return switch (accessType) {
      case "ALL", "hash_ALL" -> "Table scan";
      case "index", "hash_index" -> "Full index scan";
      case "range", "hash_range" -> "Index range scan";
      case "ref", "ref_or_null", "hash_ref" -> "Index lookup";
      case "eq_ref", "const", "system", "hash_eq_ref" -> "Single-row index lookup";
      case "index_merge" -> "Index merge (" + indexMerge + ")";
      default -> "Table access (" + accessType + ")";
    };
  }

  /** The table's condition; MariaDB puts a buffered join's condition on the {@code block-nl-join} instead. */
  String attachedCondition() {
    String own = t.path("attached_condition").asText(null);
    if (own == null && blockJoin != null) {
      own = blockJoin.path("attached_condition").asText(null);
    }
    return MysqlConditions.normalize(own);
  }

  /** The condition the index looks up: MariaDB's pushed {@code index_condition}, else the {@code ref} columns. */
  String indexCondition() {
    if (t.has("index_condition")) {
      return MysqlConditions.normalize(t.get("index_condition").asText());
    }
    List<String> parts = MysqlJsonPlanReader.texts(t.path("used_key_parts"));
    List<String> refs = MysqlJsonPlanReader.texts(t.path("ref"));
    if (parts.isEmpty() || refs.isEmpty()) {
      return null;
    }
    List<String> equalities = new ArrayList<>();
    for (int i = 0; i < Math.min(parts.size(), refs.size()); i++) {
      String ref = refs.get(i);
      String value = ref.equals("const") ? "?" : ref.substring(ref.indexOf('.') + 1);
      equalities.add(table() + "." + parts.get(i) + " = " + value);
    }
    return String.join(" AND ", equalities);
  }

  Estimate estimate() {
    double cost;
    if (t.has("cost_info")) {
      JsonNode c = t.get("cost_info");
      cost = MysqlJsonPlanReader.number(c.get("read_cost")) + MysqlJsonPlanReader.number(c.get("eval_cost"));
    } else {
      cost = MysqlJsonPlanReader.number(t.get("cost"));
    }
    return new Estimate(0, cost, examined * filtered / 100, 0);
  }

  /**
   * MariaDB ANALYZE: {@code r_loops} scans that read {@code r_rows} rows each on average, of which {@code r_filtered}
   * percent passed the attached condition; time over all loops. For a table joined through the join buffer, the
   * block's {@code r_loops} outer rows were each compared with {@code r_effective_rows}, and {@code r_filtered} of
   * the pairs matched: that is what the join returns.
   */
  void measure(PlanNode.Builder node, JsonNode blockJoin) {
    long loops = Math.max(0, t.path("r_loops").asLong());
    double read = t.path("r_rows").asDouble();
    double keptShare = t.has("r_filtered") ? t.get("r_filtered").asDouble() / 100 : 1;
    double millis = t.has("r_total_time_ms") ? t.get("r_total_time_ms").asDouble()
        : t.path("r_table_time_ms").asDouble() + t.path("r_other_time_ms").asDouble();
    double kept = read * keptShare;
    if (blockJoin != null) {
      millis += blockJoin.path("r_unpack_time_ms").asDouble() + blockJoin.path("r_other_time_ms").asDouble();
      long probes = blockJoin.path("r_loops").asLong(1);
      double effective = blockJoin.path("r_effective_rows").asDouble(kept);
      double matched = probes * effective * blockJoin.path("r_filtered").asDouble(100) / 100;
      node.actual(new Actual(0, loops == 0 ? 0 : millis / loops, loops == 0 ? 0 : matched / loops, loops));
      node.rowsRemoved(read - kept, 0, 0);
      return;
    }
    node.actual(new Actual(0, loops == 0 ? 0 : millis / loops, kept, loops));
    node.rowsRemoved(read - kept, 0, 0);
  }

  TableAccessFacts facts() {
    return new TableAccessFacts(table(), accessType, examined, filtered, joinBuffer, indexMerge, mergedIndexes);
  }
}

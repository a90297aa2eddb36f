package io.querydoctor.mysql.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.core.plan.Actual;
import io.querydoctor.core.plan.Conditions;
import io.querydoctor.core.plan.Estimate;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.plan.SortInfo;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code EXPLAIN FORMAT=JSON} of MySQL 5.7/8.x and MariaDB 10.x/11.x, and MariaDB's
 * {@code ANALYZE FORMAT=JSON}, into core's plan model.
 *
 * <p>Design note. Both engines print a query block as nested operations rather than a tree of operators:
 * {@code ordering_operation} / {@code grouping_operation} / {@code duplicates_removal} (MySQL), {@code filesort} /
 * {@code temporary_table} / {@code read_sorted_file} (MariaDB) wrap a {@code nested_loop} of {@code table}s in join
 * order. The reader turns each wrapper into one node (a filesort into a Sort, a temporary table into a Materialize,
 * a grouping into an Aggregate) and a nested loop into a left-deep chain of joins: the first table is the outer side,
 * each next table the inner side of one more join (a Hash Join when MySQL says {@code using_join_buffer: hash join},
 * a Block Nested Loop for MariaDB's {@code block-nl-join} or MySQL 5.7's BNL). A table's estimate is per scan:
 * rows examined × filtered; MariaDB's measured {@code r_rows} (rows read per loop) and {@code r_filtered} become
 * rows returned and rows removed by the filter per loop, as PostgreSQL reports them, so core's rules read them
 * the same way. Synthetic nodes get measured rows and times from their inputs. Fields the reader does not know are
 * ignored; a document without {@code query_block} is refused with one line.
 */
public final class MysqlJsonPlanReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<PlanNode, TableAccessFacts> facts = new IdentityHashMap<>();
  private MysqlPlan.Dialect dialect;
  private boolean analyzed;

  /** Reads one plan; the reader is single-use per call and not thread-safe. */
  public static MysqlPlan read(String json) {
    return new MysqlJsonPlanReader().parse(json);
  }

  private MysqlPlan parse(String json) {
    JsonNode document;
    try {
      document = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MysqlPlanFormatException("not valid JSON: " + e.getOriginalMessage());
    }
    if (document != null && document.isArray() && document.size() == 1) {
      document = document.get(0);
    }
    JsonNode block = document == null ? null : document.get("query_block");
    if (block == null || !block.isObject()) {
      throw new MysqlPlanFormatException("not a MySQL/MariaDB JSON plan: no \"query_block\" at the top");
    }
    dialect = looksLikeMysql(block) ? MysqlPlan.Dialect.MYSQL_JSON : MysqlPlan.Dialect.MARIADB_JSON;
    analyzed = block.has("r_loops") || block.has("r_total_time_ms");
    PlanNode root = queryBlock(block);
    JsonNode optimization = document.path("query_optimization").get("r_total_time_ms");
    Double planning = optimization == null ? null : optimization.asDouble();
    Double execution = block.has("r_total_time_ms") ? block.get("r_total_time_ms").asDouble() : null;
    return new MysqlPlan(new Plan(root, planning, execution), dialect, facts);
  }

  /** MySQL writes {@code cost_info} and {@code rows_examined_per_scan}; MariaDB {@code cost} and {@code rows}. */
  private static boolean looksLikeMysql(JsonNode block) {
    return block.has("cost_info") || block.toString().contains("\"rows_examined_per_scan\"");
  }

  private PlanNode queryBlock(JsonNode block) {
    PlanNode body = operation(block);
    PlanNode.Builder node = PlanNode.builder("Query block #" + block.path("select_id").asText("1"), NodeKind.RESULT);
    double cost = block.has("cost_info") ? number(block.path("cost_info").get("query_cost")) : number(block.get("cost"));
    node.estimate(new Estimate(0, cost, body == null ? 1 : body.estimate().rows(), 0));
    if (body != null) {
      node.child(body);
    }
    subqueries(block, node);
    if (analyzed) {
      double millis = block.has("r_total_time_ms") ? block.get("r_total_time_ms").asDouble() : inclusive(body);
      node.actual(new Actual(0, millis, body == null || body.actual() == null ? 0 : body.actual().totalRows(), 1));
    }
    return node.build();
  }

  /** The node for the first operation found in {@code object}, or null when it holds none. */
  private PlanNode operation(JsonNode object) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      PlanNode node = switch (field.getKey()) {
        case "table" -> table(value, null);
        case "nested_loop" -> nestedLoop(value);
        case "ordering_operation" -> ordering(value);
        case "grouping_operation" -> grouping(value);
        case "duplicates_removal" -> wrap("Remove duplicates", NodeKind.UNIQUE, value);
        case "filesort" -> filesort(value);
        case "temporary_table" -> wrap("Temporary table", NodeKind.MATERIALIZE, value);
        case "buffer_result" -> wrap("Buffer result", NodeKind.MATERIALIZE, value);
        case "windowing" -> wrap("Window", NodeKind.WINDOW, value);
        case "read_sorted_file" -> operation(value);
        case "union_result" -> union(value);
        case "block-nl-join" -> table(value.path("table"), value);
        case "query_block" -> queryBlock(value);
        default -> null;
      };
      if (node != null) {
        return node;
      }
    }
    return null;
  }

  private PlanNode nestedLoop(JsonNode steps) {
    if (steps.isObject()) {
      return operation(steps);
    }
    PlanNode outer = null;
    for (JsonNode step : steps) {
      PlanNode inner = operation(step);
      if (inner == null) {
        continue;
      }
      outer = outer == null ? inner : join(outer, inner);
    }
    return outer;
  }

  private PlanNode join(PlanNode outer, PlanNode inner) {
    TableAccessFacts innerFacts = facts.get(inner);
    String buffer = innerFacts == null ? null : innerFacts.joinBuffer();
    boolean hash = buffer != null && buffer.toLowerCase(java.util.Locale.ROOT).contains("hash");
    String type = buffer == null ? "Nested loop" : hash ? "Hash join (join buffer)" : "Block nested loop (join buffer)";
    PlanNode.Builder node = PlanNode.builder(type, hash ? NodeKind.HASH_JOIN : NodeKind.NESTED_LOOP).joinType("Inner");
    double outerRows = outer.estimate().rows();
    node.estimate(new Estimate(0, outer.estimate().totalCost() + inner.estimate().totalCost(),
        Math.max(outerRows, 1) * inner.estimate().rows(), 0));
    if (inner.conditions().filter() != null && buffer != null) {
      node.conditions(new Conditions(null, null, null, inner.conditions().filter(), null, null));
    }
    node.child(outer).child(inner);
    if (analyzed) {
      double rows = inner.actual() == null ? 0 : inner.actual().totalRows();
      node.actual(new Actual(0, inclusive(outer) + inclusive(inner), rows, 1));
    }
    return node.build();
  }

  private PlanNode ordering(JsonNode op) {
    PlanNode input = operation(op);
    if (op.path("using_temporary_table").asBoolean()) {
      input = synthetic("Temporary table", NodeKind.MATERIALIZE, input, null);
    }
    if (op.path("using_filesort").asBoolean()) {
      input = synthetic("Filesort", NodeKind.SORT, input, new SortInfo(List.of(), List.of(), null, null, 0));
    }
    return input;
  }

  private PlanNode grouping(JsonNode op) {
    PlanNode input = operation(op);
    if (op.path("using_filesort").asBoolean()) {
      input = synthetic("Filesort", NodeKind.SORT, input, new SortInfo(List.of(), List.of(), null, null, 0));
    }
    String type = op.path("using_temporary_table").asBoolean() ? "Aggregate using temporary table" : "Group aggregate";
    PlanNode.Builder node = PlanNode.builder(type, NodeKind.AGGREGATE)
        .strategy(op.path("using_temporary_table").asBoolean() ? "Hashed" : "Sorted");
    return finish(node, input);
  }

  private PlanNode wrap(String type, NodeKind kind, JsonNode value) {
    PlanNode input = value.isArray() ? nestedLoop(value) : operation(value);
    return synthetic(type, kind, input, null);
  }

  private PlanNode union(JsonNode op) {
    PlanNode.Builder node = PlanNode.builder("Union", NodeKind.SET_OPERATION);
    double rows = 0;
    double millis = 0;
    double actualRows = 0;
    for (String key : List.of("query_specifications", "query_blocks")) {
      for (JsonNode spec : op.path(key)) {
        PlanNode child = spec.has("query_block") ? queryBlock(spec.get("query_block")) : operation(spec);
        if (child != null) {
          node.child(child);
          rows += child.estimate().rows();
          millis += inclusive(child);
          actualRows += child.actual() == null ? 0 : child.actual().totalRows();
        }
      }
    }
    node.estimate(new Estimate(0, 0, rows, 0));
    if (analyzed) {
      node.actual(new Actual(0, millis, actualRows, 1));
    }
    return node.build();
  }

  private PlanNode filesort(JsonNode op) {
    PlanNode input = operation(op);
    List<String> keys = op.has("sort_key") ? List.of(MysqlConditions.normalize(op.get("sort_key").asText()).split(", "))
        : List.of();
    boolean passes = op.path("r_sort_passes").asLong() > 0;
    String method = op.path("r_used_priority_queue").asBoolean() ? "priority queue (top-N)"
        : op.has("r_sort_passes") || op.has("r_output_rows") ? (passes ? "external merge" : "in memory") : null;
    SortInfo sort = new SortInfo(keys, List.of(), method, method == null ? null : passes ? "Disk" : "Memory", 0);
    PlanNode.Builder node = PlanNode.builder("Filesort", NodeKind.SORT).sort(sort);
    node.estimate(new Estimate(0, input == null ? 0 : input.estimate().totalCost(),
        input == null ? 0 : input.estimate().rows(), 0));
    if (input != null) {
      node.child(input);
    }
    if (analyzed) {
      long loops = Math.max(1, op.path("r_loops").asLong(1));
      double rows = op.has("r_output_rows") ? op.get("r_output_rows").asDouble() : input == null || input.actual() == null
          ? 0 : input.actual().totalRows();
      double millis = op.has("r_total_time_ms") ? op.get("r_total_time_ms").asDouble() : inclusive(input);
      node.actual(new Actual(0, millis / loops, rows / loops, loops));
    }
    if (op.has("r_limit")) {
      return limit(node.build(), op.get("r_limit").asDouble());
    }
    return node.build();
  }

  /** MariaDB folds {@code ORDER BY … LIMIT n} into the filesort ({@code r_limit}); the model shows it as a Limit. */
  private PlanNode limit(PlanNode sort, double rows) {
    PlanNode.Builder node = PlanNode.builder("Limit", NodeKind.LIMIT)
        .estimate(new Estimate(0, sort.estimate().totalCost(), rows, 0)).child(sort);
    if (analyzed) {
      node.actual(new Actual(0, inclusive(sort), Math.min(rows, sort.actual() == null ? rows : sort.actual().rows()),
          1));
    }
    return node.build();
  }

  private PlanNode synthetic(String type, NodeKind kind, PlanNode input, SortInfo sort) {
    PlanNode.Builder node = PlanNode.builder(type, kind);
    if (sort != null) {
      node.sort(sort);
    }
    return finish(node, input);
  }

  private PlanNode finish(PlanNode.Builder node, PlanNode input) {
    node.estimate(new Estimate(0, input == null ? 0 : input.estimate().totalCost(),
        input == null ? 0 : input.estimate().rows(), 0));
    if (input != null) {
      node.child(input);
    }
    if (analyzed) {
      node.actual(new Actual(0, inclusive(input), input == null || input.actual() == null ? 0
          : input.actual().totalRows(), 1));
    }
    return node.build();
  }

  private PlanNode table(JsonNode t, JsonNode blockJoin) {
    if (t == null || t.isMissingNode()) {
      return null;
    }
    TableAccess access = TableAccess.of(t, blockJoin);
    PlanNode.Builder node = PlanNode.builder(access.nodeType(), access.kind())
        .relation(access.table(), access.table())
        .index(access.index())
        .conditions(new Conditions(access.attachedCondition(), access.indexCondition(), null, null, null, null))
        .estimate(access.estimate());
    JsonNode materialized = t.get("materialized_from_subquery");
    if (materialized != null) {
      PlanNode sub = operation(materialized);
      if (sub != null) {
        node.child(sub);
      }
    }
    subqueries(t, node);
    if (analyzed && t.has("r_loops")) {
      access.measure(node, blockJoin);
    }
    PlanNode built = node.build();
    facts.put(built, access.facts());
    return built;
  }

  /** Subqueries a table or block evaluates: sub plans of the node. */
  private void subqueries(JsonNode object, PlanNode.Builder node) {
    for (String key : List.of("attached_subqueries", "subqueries", "select_list_subqueries",
        "optimized_away_subqueries")) {
      for (JsonNode sub : object.path(key)) {
        PlanNode child = sub.has("query_block") ? queryBlock(sub.get("query_block")) : operation(sub);
        if (child != null) {
          node.child(asSubplan(child));
        }
      }
    }
  }

  private static PlanNode asSubplan(PlanNode child) {
    PlanNode.Builder copy = PlanNode.builder(child.nodeType(), child.kind()).parentRelationship("SubPlan")
        .subplanName("Subquery").estimate(child.estimate()).actual(child.actual()).conditions(child.conditions());
    child.children().forEach(copy::child);
    return copy.build();
  }

  private static double inclusive(PlanNode node) {
    return node == null || node.actual() == null ? 0 : node.actual().totalMillis() * node.actual().loops();
  }

  static double number(JsonNode value) {
    if (value == null || value.isNull()) {
      return 0;
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    return parseAmount(value.asText());
  }

  /** MySQL writes numbers as strings, some with a unit suffix ({@code "212K"}, {@code "1.2G"}). */
  static double parseAmount(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      return 0;
    }
    double scale = switch (Character.toUpperCase(s.charAt(s.length() - 1))) {
      case 'K' -> 1e3;
      case 'M' -> 1e6;
      case 'G' -> 1e9;
      default -> 1;
    };
    try {
      return Double.parseDouble(scale == 1 ? s : s.substring(0, s.length() - 1)) * scale;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The texts of a JSON array ({@code used_key_parts}, {@code ref}); empty for a missing node. */
  static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}

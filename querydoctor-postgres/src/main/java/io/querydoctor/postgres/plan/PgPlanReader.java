package io.querydoctor.postgres.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.querydoctor.core.plan.Actual;
import io.querydoctor.core.plan.Buffers;
import io.querydoctor.core.plan.Conditions;
import io.querydoctor.core.plan.Estimate;
import io.querydoctor.core.plan.HashInfo;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.plan.SortInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads PostgreSQL's {@code EXPLAIN (FORMAT JSON)} output, with or without {@code ANALYZE, BUFFERS}, into the
 * engine-neutral {@link Plan}. Accepts the array EXPLAIN returns, its single element, or auto_explain's
 * object ({@code Query Text} + {@code Plan}); text before the JSON (a psql header) is skipped.
 *
 * <p>Fields it does not know are ignored, so plans from newer servers (PostgreSQL 18 adds buffers and
 * fractional rows by default) still read. Input that is not a plan raises {@link PlanFormatException} with a
 * one-line message. Thread-safe.
 */
public final class PgPlanReader {

  /**
   * Plan levels read: deep enough for any real plan (a 10 000-node chain reads, analyzes and renders), shallow
   * enough that a hostile file cannot make the tree cost more than the size limit already allows.
   */
  public static final int MAX_PLAN_DEPTH = 25_000;

  // Plans nest two JSON levels per plan level (node object, "Plans" array), plus the array and object at the top.
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  static {
    JSON.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(2 * MAX_PLAN_DEPTH + 4).build());
  }

  /** Parses {@code json}; throws {@link PlanFormatException} when it is not an EXPLAIN JSON plan. */
  public Plan read(String json) {
    int start = firstJsonChar(json);
    if (start < 0) {
      throw new PlanFormatException("not an EXPLAIN (FORMAT JSON) plan: no JSON object or array in the input");
    }
    try (JsonParser parser = JSON.getFactory().createParser(json.toCharArray(), start, json.length() - start)) {
      return new PgPlanJsonStream(parser, JSON).read();
    } catch (IOException e) {
      throw invalid(e);
    }
  }

  /**
   * Parses the JSON plan {@code in} holds (from its first byte: UTF-8, no text before the JSON) as it streams,
   * never holding the document: memory follows the plan's nodes. Reads at most {@value #MAX_PLAN_DEPTH} plan
   * levels. {@link PlanFormatException} when it is not an EXPLAIN JSON plan; an {@link IOException} of
   * {@code in} itself is passed on.
   */
  public Plan read(InputStream in) throws IOException {
    try (JsonParser parser = JSON.getFactory().createParser(in)) {
      return new PgPlanJsonStream(parser, JSON).read();
    } catch (JsonProcessingException e) {
      throw invalid(e);
    }
  }

  private static PlanFormatException invalid(IOException e) {
    if (e instanceof StreamConstraintsException) {
      return new PlanFormatException("the plan nests deeper than " + MAX_PLAN_DEPTH + " levels, more than "
          + "QueryDoctor reads", e);
    }
    if (e instanceof JsonProcessingException json) {
      JsonLocation at = json.getLocation();
      return new PlanFormatException("not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
          + ", column " + at.getColumnNr()) + ": " + json.getOriginalMessage(), e);
    }
    return new PlanFormatException("cannot read the plan: " + e.getMessage(), e);
  }

  /** Converts an already parsed tree. */
  public Plan read(JsonNode tree) {
    JsonNode top = tree.isArray() && !tree.isEmpty() ? tree.get(0) : tree;
    JsonNode plan = top.get("Plan");
    if (plan == null || !plan.isObject()) {
      throw new PlanFormatException("not an EXPLAIN (FORMAT JSON) plan: no \"Plan\" object at the top");
    }
    PlanNode root = node(plan);
    return new Plan(root, number(top, "Planning Time"), number(top, "Execution Time"));
  }

  private static int firstJsonChar(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[' || c == '{') {
        return i;
      }
    }
    return -1;
  }

  /** Builds the tree without recursion (children before parents), so plan depth never overflows the stack. */
  private PlanNode node(JsonNode json) {
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(json, null, 0));
    while (true) {
      Frame frame = stack.peek();
      JsonNode children = frame.json.get("Plans");
      if (children != null && children.isArray() && frame.next < children.size()) {
        int i = frame.next++;
        stack.push(new Frame(children.get(i), frame, i));
        continue;
      }
      stack.pop();
      PlanNode built = frame.builder.build();
      if (stack.isEmpty()) {
        return built;
      }
      stack.peek().builder.child(built);
    }
  }

  /** A node being read: its JSON, its builder, where it is (for error messages), and the next child to read. */
  private static final class Frame {
    final JsonNode json;
    final Frame parent;
    final int index;
    final PlanNode.Builder builder;
    int next;

    Frame(JsonNode json, Frame parent, int index) {
      this.json = json;
      this.parent = parent;
      this.index = index;
      this.builder = builder(json, this::where);
    }

    /** {@code Plan.Plans[0].Plans[1]}; built only when a message needs it. */
    String where() {
      StringBuilder path = new StringBuilder();
      for (Frame f = this; f.parent != null; f = f.parent) {
        path.insert(0, ".Plans[" + f.index + "]");
      }
      return "Plan" + path;
    }
  }

  /** A builder for one node's own fields (not its children); {@code where} names the node in messages. */
  static PlanNode.Builder builder(JsonNode json, java.util.function.Supplier<String> where) {
    String nodeType = text(json, "Node Type");
    if (nodeType == null) {
      throw new PlanFormatException("plan node without \"Node Type\" at " + where.get());
    }
    NodeKind kind = PgNodeKinds.of(nodeType);
    return PlanNode.builder(nodeType, kind)
        .relation(relation(json), text(json, "Alias"))
        .index(text(json, "Index Name"))
        .joinType(text(json, "Join Type"))
        .strategy(text(json, "Strategy"))
        .operation(text(json, "Operation"))
        .parentRelationship(text(json, "Parent Relationship"))
        .subplanName(text(json, "Subplan Name"))
        .cteName(text(json, "CTE Name"))
        .parallelAware(json.path("Parallel Aware").asBoolean(false))
        .estimate(new Estimate(num(json, "Startup Cost"), num(json, "Total Cost"), num(json, "Plan Rows"),
            json.path("Plan Width").asInt(0)))
        .actual(actual(json))
        .buffers(buffers(json))
        .conditions(new Conditions(text(json, "Filter"), text(json, "Index Cond"), text(json, "Recheck Cond"),
            text(json, "Join Filter"), text(json, "Hash Cond"), text(json, "Merge Cond")))
        .rowsRemoved(num(json, "Rows Removed by Filter"), num(json, "Rows Removed by Join Filter"),
            num(json, "Rows Removed by Index Recheck"))
        .heapFetches(num(json, "Heap Fetches"))
        .heapBlocks(json.path("Exact Heap Blocks").asLong(0), json.path("Lossy Heap Blocks").asLong(0))
        .sort(sort(json, kind))
        .hash(hash(json))
        .groupKeys(texts(json.get("Group Key")))
        .workers(integer(json, "Workers Planned"), integer(json, "Workers Launched"));
  }

  private static String relation(JsonNode json) {
    String name = text(json, "Relation Name");
    String schema = text(json, "Schema");
    return name == null || schema == null ? name : schema + "." + name;
  }

  private static Actual actual(JsonNode json) {
    if (!json.has("Actual Loops")) {
      return null;
    }
    return new Actual(num(json, "Actual Startup Time"), num(json, "Actual Total Time"), num(json, "Actual Rows"),
        json.path("Actual Loops").asLong(0));
  }

  private static Buffers buffers(JsonNode json) {
    if (!json.has("Shared Hit Blocks")) {
      return null;
    }
    return new Buffers(lng(json, "Shared Hit Blocks"), lng(json, "Shared Read Blocks"),
        lng(json, "Shared Dirtied Blocks"), lng(json, "Shared Written Blocks"), lng(json, "Local Hit Blocks"),
        lng(json, "Local Read Blocks"), lng(json, "Temp Read Blocks"), lng(json, "Temp Written Blocks"));
  }

  private static SortInfo sort(JsonNode json, NodeKind kind) {
    if (kind != NodeKind.SORT && kind != NodeKind.INCREMENTAL_SORT) {
      return null;
    }
    List<String> keys = texts(json.get("Sort Key"));
    List<String> presorted = texts(json.get("Presorted Key"));
    if (kind == NodeKind.INCREMENTAL_SORT) {
      return incrementalSort(json, keys, presorted);
    }
    return new SortInfo(keys, presorted, text(json, "Sort Method"), text(json, "Sort Space Type"),
        lng(json, "Sort Space Used"));
  }

  /** Incremental sorts report per group kind; disk use in either kind of group means it spilled. */
  private static SortInfo incrementalSort(JsonNode json, List<String> keys, List<String> presorted) {
    List<String> methods = new ArrayList<>();
    String spaceType = null;
    long peakKb = 0;
    for (String groups : List.of("Full-sort Groups", "Pre-sorted Groups")) {
      JsonNode g = json.get(groups);
      if (g == null) {
        continue;
      }
      for (String method : texts(g.get("Sort Methods Used"))) {
        if (!methods.contains(method)) {
          methods.add(method);
        }
      }
      JsonNode disk = g.get("Sort Space Disk");
      JsonNode memory = g.get("Sort Space Memory");
      if (disk != null) {
        spaceType = "Disk";
        peakKb = Math.max(peakKb, disk.path("Peak Sort Space Used").asLong(0));
      } else if (memory != null) {
        spaceType = spaceType == null ? "Memory" : spaceType;
        peakKb = Math.max(peakKb, memory.path("Peak Sort Space Used").asLong(0));
      }
    }
    return new SortInfo(keys, presorted, methods.isEmpty() ? null : String.join(", ", methods), spaceType, peakKb);
  }

  private static HashInfo hash(JsonNode json) {
    if (json.has("Hash Batches")) {
      return new HashInfo(lng(json, "Hash Buckets"), lng(json, "Hash Batches"), lng(json, "Original Hash Batches"),
          lng(json, "Peak Memory Usage"), 0);
    }
    if (json.has("HashAgg Batches")) {
      return new HashInfo(0, lng(json, "HashAgg Batches"), json.path("Planned Partitions").asLong(0),
          lng(json, "Peak Memory Usage"), lng(json, "Disk Usage"));
    }
    return null;
  }

  private static List<String> texts(JsonNode array) {
    if (array == null || !array.isArray()) {
      return List.of();
    }
    List<String> values = new ArrayList<>(array.size());
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static double num(JsonNode json, String field) {
    return json.path(field).asDouble(0);
  }

  private static long lng(JsonNode json, String field) {
    return json.path(field).asLong(0);
  }

  private static Double number(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || !value.isNumber() ? null : value.asDouble();
  }

  private static Integer integer(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || !value.isNumber() ? null : value.asInt();
  }
}

package io.querydoctor.postgres.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads an {@code EXPLAIN (FORMAT JSON)} plan from a token stream, one node at a time.
 *
 * <p>Design note: a whole document tree costs several times the file (a 573 MB plan took 5.7 GB read as a
 * string and a tree); here only one node's own fields are a tree at a time, so memory follows the plan model
 * that is built anyway. A node's children ({@code "Plans"}) are read before its builder is made, whatever the
 * order of its fields, and the tree is built with an explicit stack, children before parents, so depth costs
 * heap, not Java stack. The caller bounds depth with Jackson's {@code StreamReadConstraints}. Not thread-safe (one
 * parser).
 */
final class PgPlanJsonStream {

  private final JsonParser parser;
  private final ObjectMapper mapper;

  PgPlanJsonStream(JsonParser parser, ObjectMapper mapper) {
    this.parser = parser;
    this.mapper = mapper;
  }

  /** The plan: EXPLAIN's one-element array, its element, or auto_explain's object (Query Text + Plan). */
  Plan read() throws IOException {
    JsonToken token = parser.nextToken();
    if (token == JsonToken.START_ARRAY) {
      token = parser.nextToken();
    }
    if (token != JsonToken.START_OBJECT) {
      throw new PlanFormatException("not an EXPLAIN (FORMAT JSON) plan: no \"Plan\" object at the top");
    }
    PlanNode root = null;
    Double planning = null;
    Double execution = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("Plan".equals(name) && value == JsonToken.START_OBJECT) {
        root = nodes();
      } else if ("Planning Time".equals(name) && value.isNumeric()) {
        planning = parser.getDoubleValue();
      } else if ("Execution Time".equals(name) && value.isNumeric()) {
        execution = parser.getDoubleValue();
      } else {
        parser.skipChildren();
      }
    }
    if (root == null) {
      throw new PlanFormatException("not an EXPLAIN (FORMAT JSON) plan: no \"Plan\" object at the top");
    }
    return new Plan(root, planning, execution);
  }

  /** The node whose object the parser has just opened, and everything under it. */
  private PlanNode nodes() throws IOException {
    Deque<Node> open = new ArrayDeque<>();
    open.push(new Node(null, 0, mapper.createObjectNode()));
    while (true) {
      Node node = open.peek();
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new PlanFormatException("the plan ends in the middle of " + node.where() + " (a truncated file?)");
      }
      if (node.inChildren) {
        if (token == JsonToken.START_OBJECT) {
          open.push(new Node(node, node.children.size(), mapper.createObjectNode()));
        } else if (token == JsonToken.END_ARRAY) {
          node.inChildren = false;
        } else {
          throw new PlanFormatException("\"Plans\" of " + node.where() + " holds " + token.asString()
              + " where a plan node should be");
        }
      } else if (token == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("Plans".equals(name) && value == JsonToken.START_ARRAY) {
          node.inChildren = true;
        } else {
          node.fields.set(name, mapper.readTree(parser));
        }
      } else {
        open.pop();
        PlanNode built = node.build();
        if (open.isEmpty()) {
          return built;
        }
        open.peek().children.add(built);
      }
    }
  }

  /** A node being read: its own fields, its finished children, and where it is (for messages). */
  private static final class Node {
    final Node parent;
    final int index;
    final ObjectNode fields;
    final List<PlanNode> children = new ArrayList<>();
    boolean inChildren;

    Node(Node parent, int index, ObjectNode fields) {
      this.parent = parent;
      this.index = index;
      this.fields = fields;
    }

    PlanNode build() {
      PlanNode.Builder builder = PgPlanReader.builder(fields, this::where);
      children.forEach(builder::child);
      return builder.build();
    }

    /** {@code Plan.Plans[0].Plans[1]}, shortened for deep nodes; built only when a message needs it. */
    String where() {
      StringBuilder path = new StringBuilder();
      int depth = 0;
      for (Node n = this; n.parent != null; n = n.parent) {
        if (depth++ < 8) {
          path.insert(0, ".Plans[" + n.index + "]");
        }
      }
      return "Plan" + (depth > 8 ? "…(" + depth + " levels deep)" : "") + path;
    }
  }
}

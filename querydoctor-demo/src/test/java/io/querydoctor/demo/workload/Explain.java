package io.querydoctor.demo.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Runs EXPLAIN (ANALYZE, FORMAT JSON) in a rolled-back transaction and searches the plan, for tests. */
final class Explain {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode root;

  private Explain(JsonNode root) {
    this.root = root;
  }

  static Explain analyze(Connection c, String sql, Object... parameters) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement statement = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return new Explain(JSON.readTree(rs.getString(1)).get(0));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new SQLException(e);
      }
    } finally {
      c.rollback();
      c.setAutoCommit(autoCommit);
    }
  }

  double executionMillis() {
    return root.get("Execution Time").asDouble();
  }

  /** Every plan node, depth first. */
  List<JsonNode> nodes() {
    List<JsonNode> nodes = new ArrayList<>();
    collect(root.get("Plan"), nodes);
    return nodes;
  }

  List<JsonNode> nodes(Predicate<JsonNode> filter) {
    return nodes().stream().filter(filter).toList();
  }

  static Predicate<JsonNode> type(String nodeType) {
    return n -> nodeType.equals(n.path("Node Type").asText());
  }

  static Predicate<JsonNode> on(String relation) {
    return n -> relation.equals(n.path("Relation Name").asText());
  }

  private static void collect(JsonNode node, List<JsonNode> into) {
    into.add(node);
    for (JsonNode child : node.path("Plans")) {
      collect(child, into);
    }
  }

  @Override
  public String toString() {
    return root.toPrettyString();
  }
}

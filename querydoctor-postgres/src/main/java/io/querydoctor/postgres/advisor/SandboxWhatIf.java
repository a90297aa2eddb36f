package io.querydoctor.postgres.advisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.core.advisor.IndexCandidate;
import io.querydoctor.core.advisor.PlannedCost;
import io.querydoctor.core.advisor.WhatIf;
import io.querydoctor.core.advisor.WhatIfException;
import io.querydoctor.postgres.connect.ConnectionErrors;
import io.querydoctor.postgres.connect.GenericPlans;
import io.querydoctor.postgres.connect.SandboxExecutor;
import io.querydoctor.postgres.connect.SingleStatement;
import io.querydoctor.postgres.plan.StatementText;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What-if by building: inside one transaction on a declared sandbox, create the hypothetical indexes for real,
 * EXPLAIN the statements, read the cost and the indexes the plans use, and roll everything back. Exact where
 * HypoPG estimates (the real size, the real statistics of the index), at the price of building each index.
 *
 * <p>Statements with {@code $n} (pg_stat_statements) or {@code ?} parameters get their generic plan
 * ({@link GenericPlans}). Sizes of indexes it has built are remembered. Not thread-safe.
 */
public final class SandboxWhatIf implements WhatIf {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SandboxExecutor sandbox;
  /** Sizes before a build, from the statistics; null: build to measure. */
  private final IndexSizeEstimator estimator;
  private final Map<IndexCandidate, Long> sizes = new HashMap<>();
  private int built;

  /** Measures a size by building the index (exact, a build per candidate). */
  public SandboxWhatIf(SandboxExecutor sandbox) {
    this(sandbox, null);
  }

  /**
   * Takes the size of an index it has not built from {@code estimator} (within 10 % of real builds,
   * docs/performance.md): the selection sizes every candidate before planning any, and a build for each on a
   * real table is minutes where the estimate is milliseconds.
   */
  public SandboxWhatIf(SandboxExecutor sandbox, IndexSizeEstimator estimator) {
    this.sandbox = sandbox;
    this.estimator = estimator;
  }

  @Override
  public List<PlannedCost> plan(List<String> statements, Set<IndexCandidate> indexes) throws WhatIfException {
    try {
      return sandbox.inRolledBackTransaction(connection -> {
        Map<String, IndexCandidate> names = build(connection, indexes);
        List<PlannedCost> costs = new ArrayList<>();
        for (String sql : statements) {
          costs.add(explain(connection, sql, names));
        }
        return costs;
      });
    } catch (SQLException e) {
      throw new WhatIfException(ConnectionErrors.firstLine(e.getMessage()), e);
    }
  }

  @Override
  public long sizeBytes(IndexCandidate index) throws WhatIfException {
    if (!sizes.containsKey(index) && estimator != null) {
      try {
        estimator.bytes(index).ifPresent(bytes -> sizes.put(index, bytes));
      } catch (SQLException e) {
        // No statistics to estimate from: measured by building, below.
      }
    }
    if (!sizes.containsKey(index)) {
      plan(List.of(), Set.of(index));
    }
    return sizes.get(index);
  }

  @Override
  public boolean buildsIndexes() {
    return true;
  }

  @Override
  public String method() {
    return "built in the sandbox inside a transaction that was rolled back, planner cost of EXPLAIN";
  }

  private Map<String, IndexCandidate> build(Connection connection, Set<IndexCandidate> indexes) throws SQLException {
    Map<String, IndexCandidate> names = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET LOCAL maintenance_work_mem = '256MB'");
      for (IndexCandidate index : indexes) {
        String name = "querydoctor_whatif_" + (++built);
        statement.execute("CREATE INDEX " + name + " ON " + index.definition());
        names.put(name, index);
        if (!sizes.containsKey(index)) {
          try (ResultSet rs = statement.executeQuery("SELECT pg_relation_size('" + name + "')")) {
            rs.next();
            sizes.put(index, rs.getLong(1));
          }
        }
      }
    }
    return names;
  }

  private static PlannedCost explain(Connection connection, String sql, Map<String, IndexCandidate> names)
      throws SQLException {
    StatementText text = StatementText.of(sql).withPositionalParameters();
    String json = text.hasPositionalParameters() ? GenericPlans.explain(connection, text.sql(), "FORMAT JSON").get(0)
        : SingleStatement.query(connection, "EXPLAIN (FORMAT JSON) " + text.sql(), rs -> rs.getString(1)).get(0);
    try {
      JsonNode plan = JSON.readTree(json).get(0).get("Plan");
      Set<IndexCandidate> used = new HashSet<>();
      collectIndexes(plan, names, used);
      return new PlannedCost(plan.get("Total Cost").asDouble(), used);
    } catch (java.io.IOException e) {
      throw new SQLException("unreadable EXPLAIN output: " + e.getMessage(), e);
    }
  }

  private static void collectIndexes(JsonNode node, Map<String, IndexCandidate> names, Set<IndexCandidate> used) {
    JsonNode name = node.get("Index Name");
    if (name != null && names.containsKey(name.asText())) {
      used.add(names.get(name.asText()));
    }
    JsonNode plans = node.get("Plans");
    if (plans != null) {
      plans.forEach(child -> collectIndexes(child, names, used));
    }
  }
}

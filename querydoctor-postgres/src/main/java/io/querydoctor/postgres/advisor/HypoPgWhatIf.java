package io.querydoctor.postgres.advisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.core.advisor.IndexCandidate;
import io.querydoctor.core.advisor.PlannedCost;
import io.querydoctor.core.advisor.WhatIf;
import io.querydoctor.core.advisor.WhatIfException;
import io.querydoctor.postgres.connect.ConnectionErrors;
import io.querydoctor.postgres.connect.SafeExecutor;
import io.querydoctor.postgres.plan.StatementText;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What-if with HypoPG's hypothetical indexes: they exist only in this session's memory, the planner sees them
 * in plain {@code EXPLAIN}, and nothing is built or written, so this runs through the read-only
 * {@link SafeExecutor} on any database where the extension is installed (a production primary or a standby).
 * Sizes are HypoPG's estimates. Every call starts and ends with {@code hypopg_reset()}.
 *
 * <p>Statements with parameters get their generic plan ({@link SafeExecutor#explainGeneric}). Not thread-safe.
 */
public final class HypoPgWhatIf implements WhatIf {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SafeExecutor executor;
  private final Map<IndexCandidate, Long> sizes = new HashMap<>();

  private HypoPgWhatIf(SafeExecutor executor) {
    this.executor = executor;
  }

  /** A HypoPG what-if when the extension is installed in the executor's database; empty otherwise. */
  public static java.util.Optional<HypoPgWhatIf> ifInstalled(SafeExecutor executor) throws SQLException {
    boolean installed = !executor.query("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'", rs -> 1).isEmpty();
    return installed ? java.util.Optional.of(new HypoPgWhatIf(executor)) : java.util.Optional.empty();
  }

  @Override
  public List<PlannedCost> plan(List<String> statements, Set<IndexCandidate> indexes) throws WhatIfException {
    try {
      reset();
      Map<String, IndexCandidate> names = create(indexes);
      List<PlannedCost> costs = new ArrayList<>();
      for (String sql : statements) {
        costs.add(explain(sql, names));
      }
      return costs;
    } catch (SQLException | RuntimeException e) {
      throw new WhatIfException(ConnectionErrors.firstLine(e.getMessage()), e);
    } finally {
      try {
        reset();
      } catch (SQLException ignored) {
        // Hypothetical indexes die with the session anyway; the next call resets first.
      }
    }
  }

  @Override
  public long sizeBytes(IndexCandidate index) throws WhatIfException {
    if (!sizes.containsKey(index)) {
      plan(List.of(), Set.of(index));
    }
    return sizes.get(index);
  }

  @Override
  public String method() {
    return "HypoPG hypothetical indexes (nothing built), planner cost of EXPLAIN";
  }

  private void reset() throws SQLException {
    executor.query("SELECT hypopg_reset()", rs -> 1);
  }

  private Map<String, IndexCandidate> create(Set<IndexCandidate> indexes) throws SQLException {
    Map<String, IndexCandidate> names = new LinkedHashMap<>();
    for (IndexCandidate index : indexes) {
      List<Object[]> created = executor.query(
          "SELECT indexrelid, indexname, hypopg_relation_size(indexrelid) FROM hypopg_create_index(?)",
          rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3)}, "CREATE INDEX ON " + index.definition());
      Object[] row = created.get(0);
      names.put((String) row[1], index);
      names.put("<" + row[0] + ">", index);
      sizes.putIfAbsent(index, (Long) row[2]);
    }
    return names;
  }

  private PlannedCost explain(String sql, Map<String, IndexCandidate> names) throws SQLException {
    StatementText text = StatementText.of(sql).withPositionalParameters();
    String json = text.hasPositionalParameters() ? executor.explainGeneric(text.sql(), "FORMAT JSON").get(0)
        : executor.queryUnprepared("EXPLAIN (FORMAT JSON) " + text.sql(), rs -> rs.getString(1)).get(0);
    try {
      JsonNode plan = JSON.readTree(json).get(0).get("Plan");
      Set<IndexCandidate> used = new HashSet<>();
      collect(plan, names, used);
      return new PlannedCost(plan.get("Total Cost").asDouble(), used);
    } catch (IOException e) {
      throw new SQLException("unreadable EXPLAIN output: " + e.getMessage(), e);
    }
  }

  private static void collect(JsonNode node, Map<String, IndexCandidate> names, Set<IndexCandidate> used) {
    JsonNode name = node.get("Index Name");
    if (name != null) {
      String text = name.asText();
      IndexCandidate index = names.get(text);
      if (index == null && text.startsWith("<") && text.indexOf('>') > 0) {
        index = names.get(text.substring(0, text.indexOf('>') + 1));
      }
      if (index != null) {
        used.add(index);
      }
    }
    JsonNode plans = node.get("Plans");
    if (plans != null) {
      plans.forEach(child -> collect(child, names, used));
    }
  }
}

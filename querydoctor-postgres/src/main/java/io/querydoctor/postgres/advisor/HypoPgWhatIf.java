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
 * Sizes are HypoPG's estimates, or, with {@link HypoPgSizes#CALIBRATED}, those of {@link IndexSizeEstimator}
 * (deduplication counted). The hypothetical indexes of one call stay in the session for the next, which
 * drops those it does not want and creates only the new ones (the selection evaluates one candidate more than
 * the chosen set at a time); {@link #release()} and any failure reset them all.
 *
 * <p>Statements with parameters get their generic plan ({@link SafeExecutor#explainGeneric}). Not thread-safe.
 */
public final class HypoPgWhatIf implements WhatIf {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SafeExecutor executor;
  private final Map<IndexCandidate, Long> sizes = new HashMap<>();
  /** The hypothetical indexes alive in the session: candidate → HypoPG's oid. */
  private final Map<IndexCandidate, Long> live = new LinkedHashMap<>();
  /** Plan names of the live indexes ({@code <oid>btree_…} and the oid prefix) → candidate. */
  private final Map<String, IndexCandidate> names = new HashMap<>();

  /** Sizes from the table's statistics ({@link HypoPgSizes#CALIBRATED}), or null for HypoPG's own. */
  private final IndexSizeEstimator sizeEstimator;

  private HypoPgWhatIf(SafeExecutor executor, HypoPgSizes sizing) {
    this.executor = executor;
    this.sizeEstimator = sizing == HypoPgSizes.CALIBRATED ? new IndexSizeEstimator(executor) : null;
  }

  /**
   * A HypoPG what-if when the extension is installed in the executor's database, empty otherwise; sizes are
   * HypoPG's own ({@link HypoPgSizes#RAW}, the literature's protocol the benchmarks keep).
   */
  public static java.util.Optional<HypoPgWhatIf> ifInstalled(SafeExecutor executor) throws SQLException {
    return ifInstalled(executor, HypoPgSizes.RAW);
  }

  /** As {@link #ifInstalled(SafeExecutor)}, sizing indexes as {@code sizing} says (the tool's commands: calibrated). */
  public static java.util.Optional<HypoPgWhatIf> ifInstalled(SafeExecutor executor, HypoPgSizes sizing)
      throws SQLException {
    boolean installed = !executor.query("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'", rs -> 1).isEmpty();
    return installed ? java.util.Optional.of(new HypoPgWhatIf(executor, sizing)) : java.util.Optional.empty();
  }

  @Override
  public List<PlannedCost> plan(List<String> statements, Set<IndexCandidate> indexes) throws WhatIfException {
    try {
      for (IndexCandidate index : List.copyOf(live.keySet())) {
        if (!indexes.contains(index)) {
          drop(index);
        }
      }
      for (IndexCandidate index : indexes) {
        create(index);
      }
      List<PlannedCost> costs = new ArrayList<>();
      for (String sql : statements) {
        costs.add(explain(sql));
      }
      return costs;
    } catch (SQLException | RuntimeException e) {
      release();
      throw new WhatIfException(ConnectionErrors.firstLine(e.getMessage()), e);
    }
  }

  @Override
  public long sizeBytes(IndexCandidate index) throws WhatIfException {
    if (!sizes.containsKey(index)) {
      try {
        create(index);
      } catch (SQLException | RuntimeException e) {
        release();
        throw new WhatIfException(ConnectionErrors.firstLine(e.getMessage()), e);
      }
    }
    return sizes.get(index);
  }

  @Override
  public void release() {
    try {
      reset();
    } catch (SQLException ignored) {
      // Hypothetical indexes die with the session anyway; the next call starts from what it asks for.
    }
  }

  @Override
  public String method() {
    return "HypoPG hypothetical indexes (nothing built), planner cost of EXPLAIN" + (sizeEstimator == null
        ? "" : "; B-tree sizes from the table's statistics with deduplication");
  }

  /**
   * Whether the planner would use the index a finding's fix proposes ({@code ddl}, one {@code CREATE INDEX}) for
   * {@code sql}: the statement's planner cost without and with it as a hypothetical index, and whether the plan
   * uses it. Empty when {@code ddl} is not a single {@code CREATE INDEX} (an extension to create first, a rewrite).
   */
  public java.util.Optional<io.querydoctor.core.finding.Verification> checkProposal(String ddl, String sql)
      throws SQLException {
    String index = ProposedIndex.hypothetical(ddl);
    if (index == null) {
      return java.util.Optional.empty();
    }
    try {
      reset();
      double before = plan(sql).get("Total Cost").asDouble();
      List<String[]> created = executor.query("SELECT indexrelid, indexname FROM hypopg_create_index(?)",
          rs -> new String[] {"<" + rs.getLong(1) + ">", rs.getString(2)}, index);
      JsonNode plan = plan(sql);
      Set<String> usedNames = new HashSet<>();
      indexNames(plan, usedNames);
      boolean used = usedNames.stream().anyMatch(name -> name.equals(created.get(0)[1])
          || name.startsWith(created.get(0)[0]));
      double after = plan.get("Total Cost").asDouble();
      return java.util.Optional.of(new io.querydoctor.core.finding.Verification(
          io.querydoctor.core.finding.Verification.Method.ESTIMATED, "planner_cost", before, used ? after : before,
          null, used ? "HypoPG: the planner uses the proposed index"
              : "HypoPG: the planner would not use the proposed index for this statement"));
    } finally {
      reset();
    }
  }

  private void reset() throws SQLException {
    live.clear();
    names.clear();
    executor.query("SELECT hypopg_reset()", rs -> 1);
  }

  private void create(IndexCandidate index) throws SQLException {
    if (live.containsKey(index)) {
      return;
    }
    List<Object[]> created = executor.query(
        "SELECT indexrelid, indexname, hypopg_relation_size(indexrelid) FROM hypopg_create_index(?)",
        rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3)}, "CREATE INDEX ON " + index.definition());
    Object[] row = created.get(0);
    live.put(index, (Long) row[0]);
    names.put((String) row[1], index);
    names.put("<" + row[0] + ">", index);
    if (!sizes.containsKey(index)) {
      sizes.put(index, sized(index, (Long) row[2]));
    }
  }

  /** The size charged for {@code index}: HypoPG's {@code hypoPgBytes}, or the calibrated estimate where it applies. */
  private long sized(IndexCandidate index, long hypoPgBytes) {
    if (sizeEstimator == null) {
      return hypoPgBytes;
    }
    try {
      return sizeEstimator.bytes(index).orElse(hypoPgBytes);
    } catch (SQLException e) {
      // Statistics this role may not read: HypoPG's estimate is still an estimate.
      return hypoPgBytes;
    }
  }

  private void drop(IndexCandidate index) throws SQLException {
    Long oid = live.remove(index);
    names.values().removeIf(index::equals);
    executor.query("SELECT hypopg_drop_index(?::oid)", rs -> 1, oid);
  }

  private PlannedCost explain(String sql) throws SQLException {
    JsonNode plan = plan(sql);
    Set<String> usedNames = new HashSet<>();
    indexNames(plan, usedNames);
    Set<IndexCandidate> used = new HashSet<>();
    for (String text : usedNames) {
      IndexCandidate index = names.get(text);
      if (index == null && text.startsWith("<") && text.indexOf('>') > 0) {
        index = names.get(text.substring(0, text.indexOf('>') + 1));
      }
      if (index != null) {
        used.add(index);
      }
    }
    return new PlannedCost(plan.get("Total Cost").asDouble(), used);
  }

  /** The top plan node of {@code sql}'s plain EXPLAIN (a generic plan for a statement with parameters). */
  private JsonNode plan(String sql) throws SQLException {
    StatementText text = StatementText.of(sql).withPositionalParameters();
    String json = text.hasPositionalParameters() ? executor.explainGeneric(text.sql(), "FORMAT JSON").get(0)
        : executor.queryUnprepared("EXPLAIN (FORMAT JSON) " + text.sql(), rs -> rs.getString(1)).get(0);
    try {
      return JSON.readTree(json).get(0).get("Plan");
    } catch (IOException e) {
      throw new SQLException("unreadable EXPLAIN output: " + e.getMessage(), e);
    }
  }

  /** Every index name the plan's nodes use (hypothetical ones read {@code <oid>btree_…}). */
  private static void indexNames(JsonNode node, Set<String> names) {
    JsonNode name = node.get("Index Name");
    if (name != null) {
      names.add(name.asText());
    }
    JsonNode plans = node.get("Plans");
    if (plans != null) {
      plans.forEach(child -> indexNames(child, names));
    }
  }
}

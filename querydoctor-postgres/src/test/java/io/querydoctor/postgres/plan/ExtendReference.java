package io.querydoctor.postgres.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Extend (Schlosser et al., ICDE 2019) as the evaluation platform of Kossmann et al. implements it, re-written
 * here so that the benchmark can run the peer on exactly our inputs and machine (the published numbers come from
 * the platform's own query texts). A query's columns are the schema's column names found in its text; the
 * single-column indexes on them are the seeds; each step takes, among adding a seed and appending one column
 * (of the same table) to a chosen index, the move with the best cost reduction per added byte that fits the
 * budget and improves the workload's cost by more than 0.3 %. Costs are cached per (query, indexes on a column
 * it names), as the platform does; sizes are HypoPG's. Used only to compare; not shipped.
 */
final class ExtendReference {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double MIN_IMPROVEMENT = 1.003;

  /** An index: table and columns. */
  record Index(String table, List<String> columns) {
    String definition() {
      return table + " (" + String.join(", ", columns) + ")";
    }
  }

  private final Connection connection;
  private final List<String> queries;
  private final List<Set<String>> queryColumns = new ArrayList<>();
  private final Map<String, String> tableOf = new LinkedHashMap<>();
  private final Map<String, Double> costCache = new HashMap<>();
  private final Map<Index, Long> sizes = new HashMap<>();
  private final Map<Index, Long> live = new LinkedHashMap<>();
  private final int maxWidth;
  private final long budget;
  private long deadline = Long.MAX_VALUE;
  private boolean stopped;

  ExtendReference(Connection connection, List<String> queries, int maxWidth, long budgetBytes) throws SQLException {
    this.connection = connection;
    this.queries = queries;
    this.maxWidth = maxWidth;
    this.budget = budgetBytes;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT table_name, column_name FROM information_schema.columns "
            + "WHERE table_schema = 'public' AND table_name IN (SELECT tablename FROM pg_tables "
            + "WHERE schemaname = 'public')")) {
      while (rs.next()) {
        tableOf.put(rs.getString(2), rs.getString(1));
      }
    }
    for (String query : queries) {
      Set<String> columns = new LinkedHashSet<>();
      for (String column : tableOf.keySet()) {
        if (Pattern.compile("\\b" + column + "\\b", Pattern.CASE_INSENSITIVE).matcher(query).find()) {
          columns.add(column);
        }
      }
      queryColumns.add(columns);
    }
  }

  /**
   * Stops the search once {@code limit} has passed (checked before each candidate is costed) and keeps the
   * indexes chosen so far; {@link #stopped()} then says so. Without it, the search runs to its end.
   */
  ExtendReference withTimeLimit(java.time.Duration limit) {
    deadline = System.nanoTime() + limit.toNanos();
    return this;
  }

  /** Whether the last {@link #select()} hit the time limit. */
  boolean stopped() {
    return stopped;
  }

  List<Index> select() throws SQLException {
    try {
      return run();
    } finally {
      try (Statement s = connection.createStatement()) {
        s.execute("SELECT hypopg_reset()");
      }
      live.clear();
    }
  }

  private List<Index> run() throws SQLException {
    Set<String> attributes = new LinkedHashSet<>();
    queryColumns.forEach(attributes::addAll);
    List<Index> combination = new ArrayList<>();
    double currentCost = cost(combination);
    while (true) {
      List<Index> bestCombination = null;
      double bestRatio = 0;
      double bestCost = 0;
      long used = combination.stream().mapToLong(this::size).sum();
      for (String attribute : attributes) {
        Index single = new Index(tableOf.get(attribute), List.of(attribute));
        if (!combination.contains(single) && used + size(single) <= budget) {
          if (System.nanoTime() > deadline) {
            stopped = true;
            return combination;
          }
          List<Index> next = new ArrayList<>(combination);
          next.add(single);
          double c = cost(next);
          double ratio = (currentCost - c) / size(single);
          if (c * MIN_IMPROVEMENT < currentCost && ratio > bestRatio) {
            bestRatio = ratio;
            bestCombination = next;
            bestCost = c;
          }
        }
      }
      for (int position = 0; position < combination.size(); position++) {
        Index index = combination.get(position);
        if (maxWidth > 0 && index.columns().size() >= maxWidth) {
          continue;
        }
        for (String attribute : attributes) {
          if (!tableOf.get(attribute).equals(index.table()) || index.columns().contains(attribute)) {
            continue;
          }
          List<String> columns = new ArrayList<>(index.columns());
          columns.add(attribute);
          Index grown = new Index(index.table(), columns);
          if (combination.contains(grown)) {
            continue;
          }
          List<Index> next = new ArrayList<>(combination);
          next.remove(position);
          next.add(grown);
          if (next.stream().mapToLong(this::size).sum() > budget) {
            continue;
          }
          if (System.nanoTime() > deadline) {
            stopped = true;
            return combination;
          }
          double c = cost(next);
          double ratio = (currentCost - c) / (size(grown) - size(index));
          if (c * MIN_IMPROVEMENT < currentCost && ratio > bestRatio) {
            bestRatio = ratio;
            bestCombination = next;
            bestCost = c;
          }
        }
      }
      if (bestCombination == null) {
        return combination;
      }
      combination = bestCombination;
      currentCost = bestCost;
    }
  }

  private double cost(List<Index> combination) throws SQLException {
    double total = 0;
    for (int q = 0; q < queries.size(); q++) {
      Set<String> columns = queryColumns.get(q);
      List<Index> relevant = combination.stream().filter(i -> i.columns().stream().anyMatch(columns::contains))
          .sorted(java.util.Comparator.comparing(Index::definition)).toList();
      String key = q + ":" + relevant;
      Double cached = costCache.get(key);
      if (cached == null) {
        cached = explain(queries.get(q), relevant);
        costCache.put(key, cached);
      }
      total += cached;
    }
    return total;
  }

  private double explain(String query, List<Index> indexes) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (Index index : List.copyOf(live.keySet())) {
        if (!indexes.contains(index)) {
          s.execute("SELECT hypopg_drop_index(" + live.remove(index) + ")");
        }
      }
      for (Index index : indexes) {
        create(s, index);
      }
      try (ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) " + query)) {
        rs.next();
        try {
          return JSON.readTree(rs.getString(1)).get(0).get("Plan").get("Total Cost").asDouble();
        } catch (java.io.IOException e) {
          throw new SQLException(e);
        }
      }
    }
  }

  private void create(Statement s, Index index) throws SQLException {
    if (live.containsKey(index)) {
      return;
    }
    try (ResultSet rs = s.executeQuery("SELECT indexrelid, hypopg_relation_size(indexrelid) FROM "
        + "hypopg_create_index('CREATE INDEX ON " + index.definition() + "')")) {
      rs.next();
      live.put(index, rs.getLong(1));
      sizes.putIfAbsent(index, rs.getLong(2));
    }
  }

  private long size(Index index) {
    Long size = sizes.get(index);
    if (size == null) {
      try (Statement s = connection.createStatement()) {
        create(s, index);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      size = sizes.get(index);
    }
    return size;
  }
}

package io.querydoctor.mysql.plan;

import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A MySQL or MariaDB plan read into core's plan model, with what the engine says about each table access that the
 * model has no field for (rows examined per scan, the join buffer, the index merge), so that the MySQL plan rules
 * can judge a plan that was not run.
 *
 * @param plan the plan in core's model
 * @param dialect which engine and format it came from
 * @param accesses what the engine reported per table-access node, by node identity
 */
public record MysqlPlan(Plan plan, Dialect dialect, Map<PlanNode, TableAccessFacts> accesses) {

  /** Where a plan came from: the JSON formats differ between the engines; the tree format is MySQL's only. */
  public enum Dialect {
    MARIADB_JSON("MariaDB EXPLAIN/ANALYZE FORMAT=JSON"),
    MYSQL_JSON("MySQL EXPLAIN FORMAT=JSON"),
    MYSQL_TREE("MySQL EXPLAIN FORMAT=TREE / EXPLAIN ANALYZE");

    private final String label;

    Dialect(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public MysqlPlan {
    Map<PlanNode, TableAccessFacts> copy = new IdentityHashMap<>(accesses);
    accesses = Collections.unmodifiableMap(copy);
  }

  /** This plan with table accesses named by their table instead of the query's alias ({@link TableAliases}). */
  public MysqlPlan withTableNames(Map<String, String> aliasToTable) {
    Map<PlanNode, TableAccessFacts> renamed = new IdentityHashMap<>();
    accesses.forEach((node, f) -> renamed.put(node, new TableAccessFacts(aliasToTable.getOrDefault(f.table(),
        f.table()), f.accessType(), f.rowsExaminedPerScan(), f.filteredPercent(), f.joinBuffer(), f.indexMerge(),
        f.mergedIndexes())));
    return new MysqlPlan(plan, dialect, renamed);
  }

  /** The facts of a table-access node, or null for other nodes. */
  public TableAccessFacts facts(PlanNode node) {
    return accesses.get(node);
  }
}

package io.querydoctor.demo.workload;

import java.util.List;

/**
 * The classic problems the demo reproduces for real, and the rule ids a good diagnosis reports them under.
 * Tests prove each one is present in the running database; analyzers are held to finding them.
 */
public enum PlantedProblem {
  N_PLUS_ONE("list 100 users with their posts, one query per user", List.of("n-plus-one")),
  MISSING_FK_INDEX("no index on the foreign key posts.user_id",
      List.of("missing-fk-index", "seq-scan-large-table", "missing-index")),
  NON_SARGABLE("created_at::date = ? on an indexed column", List.of("non-sargable-predicate")),
  STALE_STATISTICS("bulk insert into orders after ANALYZE, autovacuum off",
      List.of("stale-statistics", "row-estimate-mismatch")),
  OVER_INDEXING("duplicate and redundant indexes on products", List.of("duplicate-index", "redundant-index")),
  UNBATCHED_WRITES("order items inserted one statement at a time", List.of("unbatched-writes")),
  LONG_TRANSACTION("SELECT … FOR UPDATE, slow work before commit, a second session waiting",
      List.of("long-transaction", "lock-contention", "idle-in-transaction")),
  DEEP_OFFSET("OFFSET pagination tens of thousands of rows deep", List.of("offset-pagination")),
  SORT_SPILL("a large sort with work_mem = 64kB", List.of("sort-spill")),
  HEAVY_AGGREGATION("COUNT(DISTINCT user_id) over comments, the largest table", List.of("heavy-aggregation"));

  private final String description;
  private final List<String> ruleIds;

  PlantedProblem(String description, List<String> ruleIds) {
    this.description = description;
    this.ruleIds = ruleIds;
  }

  public String description() {
    return description;
  }

  /** The rule ids under which a diagnosis should report this problem. */
  public List<String> ruleIds() {
    return ruleIds;
  }
}

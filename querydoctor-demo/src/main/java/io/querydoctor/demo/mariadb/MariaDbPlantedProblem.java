package io.querydoctor.demo.mariadb;

import java.util.List;

/**
 * The problems the MariaDB demo plants (docs/demo.md), and the rule ids a diagnosis reports each under; the
 * first id is the one the demo's test requires.
 */
public enum MariaDbPlantedProblem {
  N_PLUS_ONE("list 40 users with their posts, one query per user", List.of("n-plus-one")),
  MISSING_INDEX("no index on posts.user_id: each lookup reads the whole table",
      List.of("seq-scan-large-table", "slow-query")),
  NON_SARGABLE("DATE_FORMAT(created_at, …) = ? on an indexed column", List.of("non-sargable-predicate")),
  DUPLICATE_INDEX("products_category_idx2 duplicates products_category_idx", List.of("duplicate-index")),
  REDUNDANT_INDEX("products_category_idx is a left prefix of products_category_price_idx",
      List.of("redundant-index")),
  UNBATCHED_WRITES("order items inserted one statement at a time", List.of("unbatched-writes")),
  DEEP_OFFSET("LIMIT 20 OFFSET up to 30 000 over posts", List.of("offset-pagination")),
  FILESORT_SPILL("every user sorted by name with a 32 KB sort buffer", List.of("sort-spill")),
  STALE_STATISTICS("half of orders inserted after ANALYZE, STATS_AUTO_RECALC=0", List.of("stale-statistics")),
  LOCK_HELD("SELECT … FOR UPDATE, slow work before commit, a second session waiting",
      List.of("long-transaction", "lock-contention", "idle-in-transaction"));

  private final String description;
  private final List<String> ruleIds;

  MariaDbPlantedProblem(String description, List<String> ruleIds) {
    this.description = description;
    this.ruleIds = ruleIds;
  }

  public String description() {
    return description;
  }

  public List<String> ruleIds() {
    return ruleIds;
  }
}

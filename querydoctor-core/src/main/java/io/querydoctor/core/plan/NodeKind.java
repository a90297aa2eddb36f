package io.querydoctor.core.plan;

/**
 * What a plan node does, in terms every engine shares. Engine readers map their own operator names onto
 * these; the engine's name stays available as {@link PlanNode#nodeType()} for display.
 */
public enum NodeKind {
  SEQ_SCAN,
  INDEX_SCAN,
  INDEX_ONLY_SCAN,
  BITMAP_INDEX_SCAN,
  BITMAP_HEAP_SCAN,
  /** Any other way of producing rows: function, values, CTE, subquery, foreign, TID scans. */
  OTHER_SCAN,
  NESTED_LOOP,
  HASH_JOIN,
  MERGE_JOIN,
  /** The build side of a hash join. */
  HASH,
  SORT,
  INCREMENTAL_SORT,
  AGGREGATE,
  WINDOW,
  LIMIT,
  MATERIALIZE,
  MEMOIZE,
  /** Collects rows from parallel workers. */
  GATHER,
  APPEND,
  SET_OPERATION,
  UNIQUE,
  /** INSERT, UPDATE, DELETE, MERGE. */
  MODIFY,
  RESULT,
  OTHER;

  public boolean isScan() {
    return switch (this) {
      case SEQ_SCAN, INDEX_SCAN, INDEX_ONLY_SCAN, BITMAP_INDEX_SCAN, BITMAP_HEAP_SCAN, OTHER_SCAN -> true;
      default -> false;
    };
  }

  public boolean isJoin() {
    return this == NESTED_LOOP || this == HASH_JOIN || this == MERGE_JOIN;
  }

  /** True for scans that look rows up through an index rather than reading the whole relation. */
  public boolean isIndexLookup() {
    return this == INDEX_SCAN || this == INDEX_ONLY_SCAN || this == BITMAP_INDEX_SCAN || this == BITMAP_HEAP_SCAN;
  }
}

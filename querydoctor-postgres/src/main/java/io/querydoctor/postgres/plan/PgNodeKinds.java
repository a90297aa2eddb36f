package io.querydoctor.postgres.plan;

import io.querydoctor.core.plan.NodeKind;
import java.util.Map;

/** PostgreSQL's node type names (13–18) mapped onto the engine-neutral kinds. */
final class PgNodeKinds {

  private static final Map<String, NodeKind> KINDS = Map.ofEntries(
      Map.entry("Seq Scan", NodeKind.SEQ_SCAN),
      Map.entry("Sample Scan", NodeKind.SEQ_SCAN),
      Map.entry("Index Scan", NodeKind.INDEX_SCAN),
      Map.entry("Index Only Scan", NodeKind.INDEX_ONLY_SCAN),
      Map.entry("Bitmap Index Scan", NodeKind.BITMAP_INDEX_SCAN),
      Map.entry("Bitmap Heap Scan", NodeKind.BITMAP_HEAP_SCAN),
      Map.entry("Tid Scan", NodeKind.OTHER_SCAN),
      Map.entry("Tid Range Scan", NodeKind.OTHER_SCAN),
      Map.entry("Subquery Scan", NodeKind.OTHER_SCAN),
      Map.entry("Function Scan", NodeKind.OTHER_SCAN),
      Map.entry("Table Function Scan", NodeKind.OTHER_SCAN),
      Map.entry("Values Scan", NodeKind.OTHER_SCAN),
      Map.entry("CTE Scan", NodeKind.OTHER_SCAN),
      Map.entry("Named Tuplestore Scan", NodeKind.OTHER_SCAN),
      Map.entry("WorkTable Scan", NodeKind.OTHER_SCAN),
      Map.entry("Foreign Scan", NodeKind.OTHER_SCAN),
      Map.entry("Custom Scan", NodeKind.OTHER_SCAN),
      Map.entry("Nested Loop", NodeKind.NESTED_LOOP),
      Map.entry("Hash Join", NodeKind.HASH_JOIN),
      Map.entry("Merge Join", NodeKind.MERGE_JOIN),
      Map.entry("Hash", NodeKind.HASH),
      Map.entry("Sort", NodeKind.SORT),
      Map.entry("Incremental Sort", NodeKind.INCREMENTAL_SORT),
      Map.entry("Aggregate", NodeKind.AGGREGATE),
      Map.entry("Group", NodeKind.AGGREGATE),
      Map.entry("WindowAgg", NodeKind.WINDOW),
      Map.entry("Limit", NodeKind.LIMIT),
      Map.entry("Materialize", NodeKind.MATERIALIZE),
      Map.entry("Memoize", NodeKind.MEMOIZE),
      Map.entry("Result Cache", NodeKind.MEMOIZE),
      Map.entry("Gather", NodeKind.GATHER),
      Map.entry("Gather Merge", NodeKind.GATHER),
      Map.entry("Append", NodeKind.APPEND),
      Map.entry("Merge Append", NodeKind.APPEND),
      Map.entry("Recursive Union", NodeKind.APPEND),
      Map.entry("BitmapAnd", NodeKind.OTHER),
      Map.entry("BitmapOr", NodeKind.OTHER),
      Map.entry("SetOp", NodeKind.SET_OPERATION),
      Map.entry("Unique", NodeKind.UNIQUE),
      Map.entry("ModifyTable", NodeKind.MODIFY),
      Map.entry("Result", NodeKind.RESULT),
      Map.entry("ProjectSet", NodeKind.RESULT),
      Map.entry("LockRows", NodeKind.OTHER));

  private PgNodeKinds() {}

  /** The kind for {@code nodeType}; {@link NodeKind#OTHER} for names a newer server may add. */
  static NodeKind of(String nodeType) {
    return KINDS.getOrDefault(nodeType, NodeKind.OTHER);
  }
}

package io.querydoctor.core.diagnosis;

import io.querydoctor.core.digest.StatementTables;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Subject;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The root-cause keys of a finding: two findings that share a key are about the same cause. Keys are built
 * from the finding's subject and {@link Finding#concerns()}, narrowly enough that unrelated problems on the same
 * table stay apart:
 *
 * <ul>
 *   <li>{@code index-on:posts(user_id)} — columns, by table and leading column: a missing foreign-key index,
 *       a sequential scan filtering on that column and an advised index starting with it are one missing index
 *       (not a non-sargable filter on the column: its fix is a rewrite);
 *   <li>{@code query:<fingerprint>} — a query shape: its N+1, its slow executions and its plan's problems;
 *   <li>{@code session:<pid>} — a session: the blocker of a lock wait and the idle transaction it is;
 *   <li>{@code scope:<name>} — a unit of work, only from {@code too-many-queries} (the count the N+1 or the
 *       unbatched writes in that scope inflate) and the per-statement findings in that scope;
 *   <li>{@code locks:<table>} — tables, only for the lock rules and for slow writes: a long transaction
 *       holding row locks, the waits it causes, and the write that waited;
 *   <li>{@code stats:<table>} — tables, only for statistics rules: stale statistics, autovacuum off,
 *       misestimated rows;
 *   <li>{@code index:<name>} — an index, only for the index hygiene rules: a duplicate, the redundant prefix
 *       and the unused index are one case of over-indexing.
 * </ul>
 */
final class MergeKeys {

  private static final Set<String> LOCK_RULES =
      Set.of("long-transaction", "idle-in-transaction", "lock-contention", "long-running-query", "slow-query");
  private static final Set<String> STATS_RULES =
      Set.of("stale-statistics", "vacuum-overdue", "row-estimate-mismatch");
  private static final Set<String> INDEX_HYGIENE_RULES =
      Set.of("duplicate-index", "redundant-index", "unused-index", "index-bloat");
  /** Findings about one statement shape in a unit of work; their scope key links them to too-many-queries. */
  private static final Set<String> SCOPE_STATEMENT_RULES =
      Set.of("n-plus-one", "unbatched-writes", "repeated-identical-query", "too-many-queries", "sequence-per-row");

  private MergeKeys() {}

  static Set<String> of(Finding finding) {
    Set<String> keys = new LinkedHashSet<>();
    String rule = finding.ruleId();
    for (Subject subject : finding.allSubjects()) {
      switch (subject.kind()) {
        case COLUMNS -> {
          // A non-sargable filter is about an expression over the column, which its index can't serve: the
          // fix is the rewrite, not an index, so it must not merge with index findings on that column.
          if (!rule.equals("non-sargable-predicate")) {
            leadingColumn(subject.name()).ifPresent(c -> keys.add("index-on:" + c));
          }
        }
        case FINGERPRINT -> keys.add("query:" + subject.name());
        case SESSION -> keys.add("session:" + subject.name());
        case SCOPE -> {
          if (SCOPE_STATEMENT_RULES.contains(rule)) {
            keys.add("scope:" + subject.name());
          }
        }
        case TABLE -> {
          if (LOCK_RULES.contains(rule)) {
            keys.add("locks:" + StatementTables.plain(subject.name()));
          }
          if (STATS_RULES.contains(rule)) {
            keys.add("stats:" + StatementTables.plain(subject.name()));
          }
        }
        case INDEX -> {
          if (INDEX_HYGIENE_RULES.contains(rule)) {
            keys.add("index:" + StatementTables.plain(subject.name()));
          }
        }
        default -> { }
      }
    }
    return keys;
  }

  /** {@code public.posts(user_id, created_at)} → {@code posts(user_id)}. */
  static java.util.Optional<String> leadingColumn(String columns) {
    int open = columns.indexOf('(');
    if (open <= 0 || !columns.endsWith(")")) {
      return java.util.Optional.empty();
    }
    // The column name only: "created_at DESC" and "created_at" are the same leading column.
    String first = columns.substring(open + 1, columns.length() - 1).split(",")[0].strip().split("\\s+")[0];
    first = first.replace("\"", "").toLowerCase(Locale.ROOT);
    return first.isEmpty() ? java.util.Optional.empty()
        : java.util.Optional.of(StatementTables.plain(columns.substring(0, open)) + "(" + first + ")");
  }
}

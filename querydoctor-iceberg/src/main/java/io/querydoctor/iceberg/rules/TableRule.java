package io.querydoctor.iceberg.rules;

import io.querydoctor.core.finding.Finding;
import java.util.List;

/**
 * One Iceberg rule: reads a table's metadata (and its query history, when given) and returns findings.
 *
 * <p>Contract: called once per table, on the caller's thread, after the table's metadata has been read; it does
 * no I/O of its own. Returns an empty list when the table is healthy by this rule, never {@code null}; does not
 * throw for unusual metadata (missing column statistics, an empty table), it stays silent instead.
 */
public interface TableRule {

  /** The rule id this rule reports (docs/rules.md). */
  String id();

  /** True when the rule needs the query history; without one it is listed as skipped, with why. */
  default boolean needsHistory() {
    return false;
  }

  List<Finding> check(TableContext context);
}

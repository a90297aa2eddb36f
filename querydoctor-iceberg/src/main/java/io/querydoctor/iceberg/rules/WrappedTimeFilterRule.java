package io.querydoctor.iceberg.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.iceberg.history.TableUsage.WrappedFilter;
import io.querydoctor.iceberg.metadata.TableProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code non-sargable-predicate} on Iceberg queries (the id core's plan rule uses for PostgreSQL): a query of the
 * history wraps a partition, sort or time column in a function ({@code date_format(ts, 'yyyy-MM-dd') = …}), so
 * neither partition pruning nor min/max file skipping can use the filter (runbook 001 lines 111-126). The fix is
 * the query with the filter rewritten as a range on the bare column where {@link RangeRewrite} knows the
 * function.
 */
public final class WrappedTimeFilterRule implements TableRule {

  public static final String ID = "non-sargable-predicate";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean needsHistory() {
    return true;
  }

  @Override
  public List<Finding> check(TableContext context) {
    if (!context.hasHistory()) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    for (WrappedFilter filter : context.usage().wrappedFilters()) {
      if (prunable(context.table(), filter.column())) {
        findings.add(finding(context, filter));
      }
    }
    return findings;
  }

  /** Partition sources, sort columns and time columns: the ones whose bare filter Iceberg can prune with. */
  private static boolean prunable(TableProfile table, String column) {
    return !table.partitionFieldsOf(column).isEmpty()
        || table.sortColumns().stream().anyMatch(c -> c.equalsIgnoreCase(column))
        || table.column(column).map(c -> c.isTemporal()).orElse(false);
  }

  private static Finding finding(TableContext context, WrappedFilter filter) {
    String fingerprint = SqlFingerprinter.of(SqlDialect.POSTGRESQL).fingerprint(filter.example()).id();
    Optional<String> rewritten = RangeRewrite.rewrite(filter.example());
    String table = context.table().name();
    return Finding.builder(ID, Severity.MEDIUM)
        .title("Filter " + filter.expression() + " on " + table + " defeats partition pruning and file skipping ("
            + filter.queries() + " queries)")
        .subject(Subject.fingerprint(fingerprint))
        .detail("Iceberg prunes partitions and skips files by comparing a filter's value with the bare column's "
            + "partition values and min/max; a function around " + filter.column() + " hides the column, so "
            + filter.queries() + " queries read the whole table. Compare the column itself with a range.")
        .evidence(Evidence.of("queries", filter.queries(), "count"))
        .evidence(Evidence.of("total_latency", filter.latencyMillis(), "ms"))
        .concerns(Subject.columns(table, filter.column()))
        .impact(context.queryTimeImpact("a wrapped filter scanning every file", filter.latencyMillis(),
            filter.queries()))
        .fix(rewritten.map(sql -> Fix.code("Filter on a range of the bare column " + filter.column()
                + " (runbook: WHERE timestamp >= '2024-01-15' AND timestamp < '2024-01-16').", sql))
            .orElseGet(() -> Fix.action("Rewrite the filter as a range on the bare column " + filter.column()
                + " (col >= start AND col < end) so pruning can use it.")))
        .build();
  }
}

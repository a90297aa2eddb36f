package io.querydoctor.mysql.workload;

import io.querydoctor.core.advisor.ParsedQuery;
import io.querydoctor.core.advisor.QueryParser;
import io.querydoctor.core.advisor.TableAccess;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.mysql.health.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules over the server's own execution counters per statement shape, where a plan is not needed to see the
 * problem: full scans ({@code SUM_NO_INDEX_USED}, rows examined per call), sorts that spilled to disk
 * ({@code SUM_SORT_MERGE_PASSES}), and filters that wrap a column in a function ({@code DATE(created_at) = ?})
 * on shapes that read without an index. {@code querydoctor explain} shows the plan behind each.
 */
public final class DigestRules {

  /** seq-scan-large-table: below 10 000 rows per execution a full scan is a few pages, cheap enough. */
  static final double MIN_ROWS_EXAMINED_PER_CALL = 10_000;

  private static final Pattern WRAPPED_COLUMN = Pattern.compile(
      "(?i)\\b(DATE|YEAR|MONTH|DAY|HOUR|LOWER|UPPER|TRIM|SUBSTR|SUBSTRING|LEFT|DATE_FORMAT|CAST|CONVERT|IFNULL|"
          + "COALESCE)`?\\s*\\(\\s*`?([A-Za-z_][A-Za-z0-9_]*)`?\\s*(?:\\.\\s*`?([A-Za-z_][A-Za-z0-9_]*)`?\\s*)?[,)]"
          + "[^=<>]{0,40}?(=|<|>|\\bBETWEEN\\b|\\bIN\\b)");
  private static final Pattern READ_OR_CHANGE = Pattern.compile("(?is)^\\s*(SELECT|WITH|UPDATE|DELETE)\\b");

  private final String schema;
  private final double windowMillis;

  /** {@code windowMillis}: how long the counters have been collecting, to turn totals into time per hour. */
  public DigestRules(String schema, double windowMillis) {
    this.schema = schema;
    this.windowMillis = windowMillis;
  }

  public List<Finding> findings(List<DigestRow> rows) {
    List<Finding> findings = new ArrayList<>();
    for (DigestRow row : rows) {
      if (!READ_OR_CHANGE.matcher(row.text()).find()) {
        continue;
      }
      if (row.noIndexUsed() * 2 >= row.calls() && row.rowsExaminedPerCall() >= MIN_ROWS_EXAMINED_PER_CALL) {
        findings.add(fullScan(row));
      }
      if (row.sortMergePasses() > 0) {
        findings.add(sortSpill(row));
      }
      if (row.noIndexUsed() > 0) {
        wrappedColumn(row).ifPresent(findings::add);
      }
    }
    return findings;
  }

  private Finding.Builder start(String rule, DigestRow row, String title) {
    return Finding.builder(rule, Severity.MEDIUM)
        .title(title)
        .subject(Subject.fingerprint(DigestWorkload.fingerprint(row.sql())))
        .evidence(Evidence.of("calls", row.calls(), "count"))
        .evidence(Evidence.of("mean_time", row.meanMillis(), "ms"))
        .impact(Impact.observed(row.totalMillis(), windowMillis, row.calls() + " executions × "
            + String.format(Locale.ROOT, "%.1f ms", row.meanMillis()) + " since performance_schema started counting"));
  }

  private Finding fullScan(DigestRow row) {
    Optional<TableAccess> access = firstAccess(row.sql());
    Finding.Builder finding = start("seq-scan-large-table", row, "Full table scan of "
        + access.map(TableAccess::table).orElse("a table") + ": " + Math.round(row.rowsExaminedPerCall())
        + " rows read per execution for " + Math.round(row.rowsSentPerCall()) + " returned")
        .detail("performance_schema counted " + row.noIndexUsed() + " of " + row.calls() + " executions reading a table "
            + "without any index, " + Math.round(row.rowsExaminedPerCall()) + " rows examined per execution: "
            + row.sql())
        .evidence(Evidence.crossed("rows_examined_per_call", row.rowsExaminedPerCall(), "rows",
            MIN_ROWS_EXAMINED_PER_CALL))
        .evidence(Evidence.of("rows_sent_per_call", row.rowsSentPerCall(), "rows"))
        .evidence(Evidence.of("no_index_used", row.noIndexUsed(), "count"));
    access.ifPresent(a -> finding.concerns(Subject.table(Names.qualified(schema, a.table()))));
    return finding.fix(indexFix(access)).build();
  }

  private Fix indexFix(Optional<TableAccess> access) {
    if (access.isEmpty() || access.get().lookupColumns().isEmpty() && access.get().range().isEmpty()) {
      return Fix.action("Add an index on the columns this statement filters on; querydoctor explain shows the plan.");
    }
    TableAccess a = access.get();
    List<String> columns = new ArrayList<>(a.lookupColumns());
    a.range().stream().filter(c -> !columns.contains(c)).findFirst().ifPresent(columns::add);
    String name = a.table() + "_" + String.join("_", columns) + "_idx";
    return Fix.sql("Index the filtered columns (equality first, then one range column); built online.",
        "ALTER TABLE " + Names.quote(a.table()) + " ADD INDEX " + Names.quote(name) + " ("
            + String.join(", ", columns.stream().map(Names::quote).toList()) + "), ALGORITHM=INPLACE, LOCK=NONE;");
  }

  private Finding sortSpill(DigestRow row) {
    return start("sort-spill", row, "Sort spilled to disk: " + row.sortMergePasses() + " merge passes over "
        + row.sortRows() + " sorted rows")
        .detail("The sort of this statement outgrew sort_buffer_size and was merged from temporary files "
            + row.sortMergePasses() + " times (" + row.calls() + " executions): " + row.sql())
        .evidence(Evidence.crossed("sort_merge_passes", row.sortMergePasses(), "count", 1))
        .evidence(Evidence.of("sort_rows", row.sortRows(), "rows"))
        .fix(Fix.action("Let an index return the rows in ORDER BY order (index the sort columns after the equality "
            + "filters) or sort fewer rows (a LIMIT, a narrower select list); raise sort_buffer_size for this "
            + "session only if neither applies."))
        .build();
  }

  private Optional<Finding> wrappedColumn(DigestRow row) {
    String text = row.text();
    int where = text.toUpperCase(Locale.ROOT).indexOf("WHERE");
    if (where < 0) {
      return Optional.empty();
    }
    Matcher m = WRAPPED_COLUMN.matcher(text.substring(where));
    if (!m.find()) {
      return Optional.empty();
    }
    String function = m.group(1).toUpperCase(Locale.ROOT);
    String column = m.group(3) != null ? m.group(3) : m.group(2);
    boolean truncatesTime = function.equals("DATE") || function.equals("DATE_FORMAT");
    return Optional.of(start("non-sargable-predicate", row, "The filter wraps " + column + " in " + function
        + "(), so no index on " + column + " can serve it")
        .detail("Executions read without an index (" + row.noIndexUsed() + " of " + row.calls() + ", "
            + Math.round(row.rowsExaminedPerCall()) + " rows examined each): " + row.sql())
        .evidence(Evidence.of("no_index_used", row.noIndexUsed(), "count"))
        .evidence(Evidence.of("rows_examined_per_call", row.rowsExaminedPerCall(), "rows"))
        .fix(truncatesTime
            ? Fix.code("Compare the bare column with a range instead of truncating it, so an index on " + column
                + " serves it.", column + " >= ? AND " + column + " < ? + INTERVAL 1 DAY")
            : Fix.action("Compare the bare column, or index the expression: a functional key part on MySQL 8.0.13+ "
                + "(ADD INDEX ((" + function + "(" + column + ")))), a virtual generated column with an index on "
                + "MariaDB."))
        .build());
  }

  private static Optional<TableAccess> firstAccess(String sql) {
    try {
      ParsedQuery parsed = new QueryParser().parse(sql);
      return parsed.isSkipped() ? Optional.empty() : parsed.accesses().stream().findFirst();
    } catch (RuntimeException e) {
      // A digest cut at its maximum length does not parse; the finding stands without a proposed index.
      return Optional.empty();
    }
  }
}

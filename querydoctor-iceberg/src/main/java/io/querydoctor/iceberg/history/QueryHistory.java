package io.querydoctor.iceberg.history;

import io.querydoctor.core.advisor.ParsedQuery;
import io.querydoctor.core.advisor.QueryParser;
import io.querydoctor.core.advisor.TableAccess;
import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.LogStatement;
import io.querydoctor.core.digest.ParseSummary;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.core.sql.SqlDialect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The queries an engine ran on the tables, read from a history file: digested by pattern with core's
 * fingerprints (the runbook's {@code GROUP BY query_pattern ORDER BY avg_latency}, runbook 001 lines 34-47) and
 * read per table for the filters the layout rules need. Statements are parsed once per distinct text.
 */
public final class QueryHistory {

  /** No history: the rules that need one are skipped with this as the reason. */
  public static final QueryHistory NONE = new QueryHistory("(none)", List.of());

  private final String source;
  private final List<HistoryEntry> entries;
  private final Map<String, ParsedQuery> parsed = new HashMap<>();
  private final QueryParser parser = new QueryParser();

  public QueryHistory(String source, List<HistoryEntry> entries) {
    this.source = source;
    this.entries = List.copyOf(entries);
  }

  public String source() {
    return source;
  }

  public List<HistoryEntry> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The digest by query pattern, with p95s per pattern; statements without a timestamp count too. */
  public WorkloadDigest digest() {
    DigestBuilder builder = new DigestBuilder(SqlDialect.POSTGRESQL);
    for (HistoryEntry entry : entries) {
      builder.add(LogStatement.of(entry.timestamp(), entry.latencyMillis(), entry.sql()));
    }
    return builder.build(source, new ParseSummary(entries.size(), entries.size(), 0, java.util.Map.of(), List.of()));
  }

  /** The hours the history covers, from its timestamps, or 0 when it has fewer than two. */
  public double hours() {
    java.time.Instant first = null;
    java.time.Instant last = null;
    for (HistoryEntry entry : entries) {
      if (entry.timestamp() != null) {
        first = first == null || entry.timestamp().isBefore(first) ? entry.timestamp() : first;
        last = last == null || entry.timestamp().isAfter(last) ? entry.timestamp() : last;
      }
    }
    return first == null ? 0 : Duration.between(first, last).toMillis() / 3_600_000.0;
  }

  /** How the queries of this history use the table called {@code name} ({@code namespace.table}). */
  public TableUsage usage(String name) {
    TableUsage usage = new TableUsage(name);
    for (HistoryEntry entry : entries) {
      ParsedQuery query = parsed.computeIfAbsent(entry.sql(), parser::parse);
      List<TableAccess> accesses = new ArrayList<>();
      for (TableAccess access : query.accesses()) {
        if (names(access.table(), name)) {
          accesses.add(access);
        }
      }
      if (!accesses.isEmpty()) {
        usage.add(entry, accesses);
      }
    }
    return usage;
  }

  /**
   * True when a statement's table name ({@code events}, {@code db.events}, {@code cat.db.events}, lower case)
   * names the table {@code namespace.table}: its parts match the table name's last parts.
   */
  static boolean names(String inStatement, String tableName) {
    String statement = unquote(inStatement);
    String table = tableName.toLowerCase(Locale.ROOT);
    return table.equals(statement) || table.endsWith("." + statement) || statement.endsWith("." + table);
  }

  private static String unquote(String name) {
    return name.replace("`", "").replace("\"", "").toLowerCase(Locale.ROOT);
  }
}

package io.querydoctor.core.digest;

/**
 * Executions of one statement known only as totals, as pg_stat_statements (or its delta between two
 * snapshots) reports them.
 *
 * @param sql the statement text (normalized by the server, with {@code $n} for constants)
 * @param calls executions
 * @param totalMillis summed execution time
 * @param minMillis fastest execution (0 when unknown, e.g. in a delta)
 * @param maxMillis slowest execution (0 when unknown)
 * @param rows rows returned or affected, or -1
 * @param database database name, or {@code null}
 * @param user user name, or {@code null}
 */
public record AggregateStatement(
    String sql, long calls, double totalMillis, double minMillis, double maxMillis, long rows, String database,
    String user) {}

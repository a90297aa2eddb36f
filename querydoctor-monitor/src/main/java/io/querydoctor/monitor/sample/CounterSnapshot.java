package io.querydoctor.monitor.sample;

import java.time.Instant;
import java.util.Map;

/**
 * Every cumulative counter read from one target at one moment: what the next sample is differenced against.
 * Stored as JSON in the history store so that a restarted monitor continues where it stopped.
 *
 * @param readAt when it was read (the monitor's clock)
 * @param postmasterStart {@code pg_postmaster_start_time()} as text: a change means the server restarted
 * @param statementsReset {@code pg_stat_statements_info.stats_reset} as text, or null (never reset, or the
 *     extension is missing)
 * @param statements by query id; empty when {@code pg_stat_statements} is not installed
 * @param tables by schema-qualified name
 */
public record CounterSnapshot(Instant readAt, String postmasterStart, String statementsReset,
    DatabaseCounters database, Map<Long, StatementCounters> statements, Map<String, TableCounters> tables) {

  public CounterSnapshot {
    statements = Map.copyOf(statements);
    tables = Map.copyOf(tables);
  }
}

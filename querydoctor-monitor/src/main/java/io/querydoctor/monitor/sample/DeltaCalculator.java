package io.querydoctor.monitor.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Turns two readings of cumulative counters into what happened between them, without ever producing a
 * negative or a doubled delta.
 *
 * <p>Design: counters only grow, except when something resets them. A reset is recognised three ways: the
 * server's start time changed (restart, failover), a view's {@code stats_reset} changed
 * ({@code pg_stat_reset()}, {@code pg_stat_statements_reset()}), or a counter is lower than before (a crash
 * recovery that cleared statistics, an entry evicted from {@code pg_stat_statements} and re-created). After a
 * reset the current value itself is what happened since the reset, so it is taken as the delta: the activity
 * between the previous sample and the reset is lost rather than counted twice. An entry seen for the first
 * time is new since the previous reading, so its counters are its delta too.
 */
public final class DeltaCalculator {

  private DeltaCalculator() {
  }

  public static Deltas between(CounterSnapshot earlier, CounterSnapshot later) {
    boolean restarted = !Objects.equals(earlier.postmasterStart(), later.postmasterStart());
    boolean statementsReset = restarted || !Objects.equals(earlier.statementsReset(), later.statementsReset());
    boolean databaseReset = restarted
        || !Objects.equals(earlier.database().statsReset(), later.database().statsReset())
        || later.database().decreasedFrom(earlier.database());
    DatabaseCounters database = databaseReset ? later.database() : later.database().minus(earlier.database());
    List<StatementCounters> statements = statements(earlier, later, statementsReset);
    List<TableCounters> tables = tables(earlier, later, databaseReset);
    return new Deltas(restarted || statementsReset || databaseReset, database, statements, tables);
  }

  private static List<StatementCounters> statements(CounterSnapshot earlier, CounterSnapshot later,
      boolean reset) {
    List<StatementCounters> deltas = new ArrayList<>();
    for (StatementCounters now : later.statements().values()) {
      StatementCounters before = reset ? null : earlier.statements().get(now.queryid());
      StatementCounters delta = before == null || now.decreasedFrom(before) ? now : now.minus(before);
      if (delta.calls() > 0) {
        deltas.add(delta);
      }
    }
    deltas.sort(Comparator.comparingDouble(StatementCounters::totalExecMs).reversed());
    return deltas;
  }

  private static List<TableCounters> tables(CounterSnapshot earlier, CounterSnapshot later, boolean reset) {
    List<TableCounters> deltas = new ArrayList<>();
    for (TableCounters now : later.tables().values()) {
      TableCounters before = reset ? null : earlier.tables().get(now.name());
      TableCounters delta = before == null || now.decreasedFrom(before) ? now : now.minus(before);
      if (delta.changed()) {
        deltas.add(delta);
      }
    }
    deltas.sort(Comparator.comparing(TableCounters::name));
    return deltas;
  }
}

package io.querydoctor.monitor.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Turns two readings of cumulative counters into what happened between them, without ever producing a
 * negative or a doubled delta.
 *
 * <p>Design: counters only grow, except when something resets them. A reset is recognised two ways: a view's
 * {@code stats_reset} changed ({@code pg_stat_reset()}, {@code pg_stat_statements_reset()}, and
 * {@code pg_stat_statements} starting without saved statistics after a crash, which stamps a new reset
 * time), or a counter is lower than before (an entry evicted from {@code pg_stat_statements} and re-created,
 * statistics lost on a server that does not stamp the loss). After a reset the current value itself is what
 * happened since the reset, so it is taken as the delta: the activity between the previous sample and the
 * reset is lost rather than counted twice. An entry seen for the first time is new since the previous
 * reading, so its counters are its delta too.
 *
 * <p>A restart alone (the server's start time changed) is not a reset: a clean shutdown saves the cumulative
 * statistics and {@code pg_stat_statements} and the next start loads them, so the counters go on from where
 * they were. Taking a restart for a reset counted everything since the statistics began a second time
 * ({@code TargetOutageIT}: 33 calls instead of 23).
 */
public final class DeltaCalculator {

  private DeltaCalculator() {
  }

  public static Deltas between(CounterSnapshot earlier, CounterSnapshot later) {
    boolean statementsReset = !Objects.equals(earlier.statementsReset(), later.statementsReset());
    boolean databaseReset = !Objects.equals(earlier.database().statsReset(), later.database().statsReset())
        || later.database().decreasedFrom(earlier.database());
    DatabaseCounters database = databaseReset ? later.database() : later.database().minus(earlier.database());
    List<StatementCounters> statements = statements(earlier, later, statementsReset);
    List<TableCounters> tables = tables(earlier, later, databaseReset);
    return new Deltas(statementsReset || databaseReset, database, statements, tables);
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

package io.querydoctor.monitor.dashboard;

import io.querydoctor.core.advisor.IndexAdvice.ChosenIndex;
import io.querydoctor.core.advisor.WhatIf;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.postgres.advisor.AdvisorResult;
import io.querydoctor.postgres.advisor.HypoPgWhatIf;
import io.querydoctor.postgres.advisor.IndexAdvisor;
import io.querydoctor.postgres.advisor.SandboxWhatIf;
import io.querydoctor.postgres.connect.SafeExecutor;
import io.querydoctor.postgres.connect.SandboxExecutor;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Indexes page's advisor suggestions: the index advisor of {@code querydoctor advise} over each target's top
 * statements in pg_stat_statements, every {@link #EVERY} on the detail sampler's thread, its latest run stored in
 * {@code index_advice_run} and {@code index_suggestion}. Costs come from HypoPG when the target has it, or from
 * indexes built in rolled-back transactions on a declared sandbox (the demo database); otherwise the run records
 * why it could not advise. It uses its own target connections, so its planning never shares a session (or the
 * rollback count) with the monitor's samples.
 */
final class IndexSuggestions implements AutoCloseable {

  static final Duration EVERY = Duration.ofHours(1);
  static final String NO_WHAT_IF = "the index advisor needs a what-if: install HypoPG in this database "
      + "(CREATE EXTENSION hypopg); until then run querydoctor advise --sandbox on a copy";

  private final DashboardStore store;
  private final List<MonitoredTarget> targets;
  private final boolean sandbox;
  private final Map<String, Instant> last = new HashMap<>();

  /**
   * @param targets a set of target connections of the advisor's own
   * @param sandbox the user declared every target a sandbox: candidates may be built in rolled-back transactions
   */
  IndexSuggestions(DashboardStore store, List<MonitoredTarget> targets, boolean sandbox) {
    this.store = store;
    this.targets = List.copyOf(targets);
    this.sandbox = sandbox;
  }

  /** Advises each target whose last run is {@link #EVERY} old; a failure is stored as the run's note. */
  void refreshDue(Instant now) {
    for (MonitoredTarget target : targets) {
      Instant previous = last.get(target.name());
      if (previous != null && Duration.between(previous, now).compareTo(EVERY) < 0) {
        continue;
      }
      last.put(target.name(), now);
      try {
        refresh(target, now);
      } catch (Exception e) {
        target.disconnect();
        recordQuietly(target.name(), now, null, 0, "the index advisor failed: "
            + DetailSampler.redact(String.valueOf(e.getMessage())), List.of());
      }
    }
  }

  private void refresh(MonitoredTarget target, Instant now) throws Exception {
    SafeExecutor executor = target.executor();
    Optional<WhatIf> whatIf = whatIf(executor);
    if (whatIf.isEmpty()) {
      record(target.name(), now, null, 0, NO_WHAT_IF, List.of());
      return;
    }
    AdvisorResult result = IndexAdvisor.withDefaults().advise(executor, whatIf.get(), List.of());
    record(target.name(), now, result.advice().method(), result.statements(), null, suggestions(result));
  }

  private Optional<WhatIf> whatIf(SafeExecutor executor) throws SQLException {
    Optional<HypoPgWhatIf> hypoPg = HypoPgWhatIf.ifInstalled(executor,
        io.querydoctor.postgres.advisor.HypoPgSizes.CALIBRATED);
    if (hypoPg.isPresent()) {
      return Optional.of(hypoPg.get());
    }
    if (!sandbox) {
      return Optional.empty();
    }
    return Optional.of(new SandboxWhatIf(new SandboxExecutor(executor.connection(),
        SafeExecutor.DEFAULT_STATEMENT_TIMEOUT, SafeExecutor.DEFAULT_LOCK_TIMEOUT),
        new io.querydoctor.postgres.advisor.IndexSizeEstimator(executor)));
  }

  /** One row per chosen index, best first, with its own CREATE statement from the advice's DDL. */
  static List<Object[]> suggestions(AdvisorResult result) {
    List<String> creates = result.ddl().stream().filter(sql -> sql.startsWith("CREATE")).toList();
    List<ChosenIndex> chosen = result.advice().chosen();
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      ChosenIndex c = chosen.get(i);
      String ddl = creates.size() == chosen.size() ? creates.get(i)
          : "CREATE INDEX CONCURRENTLY ON " + c.index().definition() + ";";
      rows.add(new Object[] {i + 1, c.index().table(), c.index().keyColumns(), ddl, c.sizeBytes(),
          c.maintenanceCostPerHour(), c.effects().size(), c.costBefore(), c.costAfter()});
    }
    return rows;
  }

  private void recordQuietly(String target, Instant now, String method, int statements, String note,
      List<Object[]> rows) {
    try {
      record(target, now, method, statements, note, rows);
    } catch (SQLException e) {
      org.slf4j.LoggerFactory.getLogger(IndexSuggestions.class).warn("storing index advice failed: {}",
          e.getMessage());
    }
  }

  private void record(String target, Instant now, String method, int statements, String note, List<Object[]> rows)
      throws SQLException {
    store.run(c -> {
      c.setAutoCommit(false);
      try {
        try (var delete = c.prepareStatement("DELETE FROM qd_monitor.index_suggestion WHERE target = ?");
            var run = c.prepareStatement("""
                INSERT INTO qd_monitor.index_advice_run (target, at, method, statements, note)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (target) DO UPDATE SET at = excluded.at,
                  method = excluded.method, statements = excluded.statements, note = excluded.note""");
            var insert = c.prepareStatement("""
                INSERT INTO qd_monitor.index_suggestion (target, rank, table_name, columns, ddl, bytes,
                  write_cost_per_hour, statements_helped, cost_before, cost_after)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
          DashboardStore.bind(delete, target);
          delete.executeUpdate();
          DashboardStore.bind(run, target, now, method, statements, note);
          run.executeUpdate();
          for (Object[] row : rows) {
            Object[] values = new Object[10];
            values[0] = target;
            System.arraycopy(row, 0, values, 1, 9);
            DashboardStore.bind(insert, values);
            insert.addBatch();
          }
          insert.executeBatch();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      return null;
    });
  }

  @Override
  public void close() {
    targets.forEach(MonitoredTarget::disconnect);
  }
}

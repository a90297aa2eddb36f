package io.querydoctor.monitor;

import io.querydoctor.core.finding.Subject;
import io.querydoctor.monitor.alert.Observations;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.monitor.store.HistoryStore;
import io.querydoctor.postgres.connect.SafeExecutor;
import io.querydoctor.postgres.plan.PgExplainer;
import io.querydoctor.postgres.plan.PlanShapes;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plan fingerprints of the top statements, on the heavy schedule, for {@code plan-changed}.
 *
 * <p>Design: the statements with the most execution time in {@code pg_stat_statements} (reads only, QueryDoctor's
 * own left out) are planned with plain EXPLAIN: {@code $n} texts get the generic plan (GENERIC_PLAN on 16+, a
 * prepared statement on 13-15, through the read-only executor: nothing runs). A plan's fingerprint is its shape
 * ({@link PlanShapes#shape}: node types with their relations and indexes, in order, no costs or row counts), so
 * estimates drifting with the data do not count as a change and a different access path or join does. The store
 * keeps the latest shape per query id and the one before it; a shape that differs from the stored one is
 * observed as a change (1) with the node-level difference, an unchanged one as 0, so the alert resolves at the
 * next heavy run. A statement that cannot be planned is left out (no observation either way).
 */
final class PlanWatch {

  private static final String TOP = """
      SELECT queryid, min(query) FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND queryid IS NOT NULL
         AND query ~* '^\\s*(select|with)\\M' AND query NOT LIKE '%%/* querydoctor */%%'%s
       GROUP BY queryid ORDER BY sum(total_exec_time) DESC LIMIT ?
      """;

  private final HistoryStore store;
  private final int top;

  PlanWatch(HistoryStore store, int top) {
    this.store = store;
    this.top = top;
  }

  /** Plans the top statements of {@code target}, stores their fingerprints and adds {@code plan_changed}. */
  void run(MonitoredTarget target, Instant now, Observations observations) throws Exception {
    if (top <= 0) {
      return;
    }
    SafeExecutor executor = target.executor();
    if (executor.queryOne("SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'",
        rs -> rs.getLong(1)) == 0) {
      return; // no statement history in this database: nothing to plan (sampling says so already)
    }
    int version = executor.queryOne("SELECT current_setting('server_version_num')::int", rs -> rs.getInt(1));
    List<Object[]> statements = executor.query(TOP.formatted(version >= 140000 ? " AND toplevel" : ""),
        rs -> new Object[] {rs.getLong(1), rs.getString(2)}, top);
    observations.complete(Observations.PLAN_CHANGED);
    for (Object[] statement : statements) {
      long queryid = (Long) statement[0];
      List<String> shape;
      try {
        shape = PlanShapes.shape(new PgExplainer(executor).explain((String) statement[1], false, false).plan());
      } catch (SQLException | IllegalArgumentException e) {
        continue; // unplannable without values, or refused: nothing to compare
      }
      Optional<List<String>> before = store.recordPlanShape(target.name(), queryid, shape, now);
      Subject subject = Subject.fingerprint(Long.toString(queryid));
      if (before.isPresent()) {
        observations.put(Observations.PLAN_CHANGED, subject, 1, describe(before.get(), shape));
      } else {
        observations.put(Observations.PLAN_CHANGED, subject, 0);
      }
    }
  }

  /** The nodes gone and the nodes new, then both shapes in full. */
  static String describe(List<String> before, List<String> now) {
    List<String> gone = new ArrayList<>(before);
    now.forEach(gone::remove);
    List<String> added = new ArrayList<>(now);
    before.forEach(added::remove);
    StringBuilder text = new StringBuilder();
    if (!gone.isEmpty()) {
      text.append("no longer: ").append(String.join(", ", gone)).append(". ");
    }
    if (!added.isEmpty()) {
      text.append("now: ").append(String.join(", ", added)).append(". ");
    }
    return text.append("Plan ").append(PlanShapes.difference(before, now, "before", "now")).toString();
  }
}

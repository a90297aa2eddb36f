package io.querydoctor.monitor.alert;

import static io.querydoctor.monitor.alert.Comparison.ABOVE;
import static io.querydoctor.monitor.alert.Comparison.BELOW;

import io.querydoctor.core.finding.Severity;
import java.time.Duration;
import java.util.List;

/** The default rules; docs/monitor.md lists each with the runbook line its threshold comes from. */
final class BuiltInRules {

  static final List<AlertRule> ALL = List.of(
      new AlertRule("monitor-target-down", Observations.TARGET_UP, BELOW, 1, Unit.BOOLEAN, Duration.ofMinutes(1),
          Severity.CRITICAL, "database unreachable",
          "Check that the server is up and accepts connections from the monitor (network, pg_hba.conf, "
              + "max_connections); the monitor retries every interval.",
          "issue #25: the monitored database going away fires an alert after its for duration"),
      new AlertRule("connection-saturation", Observations.CONNECTIONS_USED_RATIO, ABOVE, 0.80, Unit.RATIO,
          Duration.ofMinutes(1), Severity.HIGH, "connections near max_connections",
          "Put a pooler (PgBouncer) in front or shrink the application pools; find idle and leaked sessions in "
              + "pg_stat_activity before raising max_connections.",
          "runbook 000 \"Monitor pool usage: Alert at 80% capacity\"; 004 \"Alert if >80% of connections are in use\""),
      new AlertRule("idle-in-transaction", Observations.IDLE_IN_TRANSACTION_SECONDS, ABOVE, 30, Unit.SECONDS,
          Duration.ZERO, Severity.MEDIUM, "session idle in transaction",
          "Commit or roll back before slow non-database work; set idle_in_transaction_session_timeout; "
              + "pg_terminate_backend(pid) the session if it holds locks others wait for.",
          "runbook 004 (locks held during slow work); RULES.md idle-in-transaction ≥ 30 s"),
      new AlertRule("long-running-query", Observations.LONGEST_QUERY_SECONDS, ABOVE, 60, Unit.SECONDS,
          Duration.ZERO, Severity.MEDIUM, "statement running long",
          "EXPLAIN the statement (querydoctor explain); cancel it with pg_cancel_backend(pid) if it is runaway; "
              + "set statement_timeout for the role.",
          "runbook 000 \"Monitor query time: Alert if > 5 seconds\" (aggregations); RULES.md long-running-query ≥ 60 s"),
      new AlertRule("lock-contention", Observations.LOCK_WAIT_SECONDS, ABOVE, 5, Unit.SECONDS, Duration.ZERO,
          Severity.HIGH, "sessions blocked on locks",
          "Find the blocker with pg_blocking_pids(); keep transactions that take row locks short; set lock_timeout.",
          "runbook 004 (locks held during slow work); RULES.md lock-contention ≥ 5 s"),
      new AlertRule("low-cache-hit-ratio", Observations.CACHE_HIT_RATIO, BELOW, 0.99, Unit.RATIO,
          Duration.ofMinutes(5), Severity.MEDIUM, "buffer cache hit ratio low",
          "Look for sequential scans of large tables (querydoctor check); add the missing index or raise "
              + "shared_buffers if the working set does not fit.",
          "runbook 004 \"Index hit rate … Target >99%\""),
      new AlertRule("high-rollback-ratio", Observations.ROLLBACK_RATIO, ABOVE, 0.05, Unit.RATIO,
          Duration.ofMinutes(5), Severity.MEDIUM, "many transactions rolled back",
          "Read the server log for the errors behind the rollbacks (deadlocks, serialization, constraint "
              + "violations) and fix the application path that retries them.",
          "runbook 004 \"Transaction rollback rate: High rollbacks indicate lock contention or application bugs\""),
      new AlertRule("replication-lag", Observations.REPLICATION_LAG_SECONDS, ABOVE, 5, Unit.SECONDS,
          Duration.ofMinutes(1), Severity.HIGH, "replication lag",
          "Check the standby's I/O and network and long queries on the standby; reduce write bursts on the primary.",
          "runbook 004 \"alert if lag exceeds 5 seconds\""),
      new AlertRule("slow-query", Observations.STATEMENT_MEAN_MS, ABOVE, 500, Unit.MILLISECONDS, Duration.ZERO,
          Severity.MEDIUM, "statement slow on average",
          "EXPLAIN (ANALYZE, BUFFERS) it (querydoctor explain) and follow the plan findings.",
          "runbook 000 \"Monitor slow queries: max_query_time > 500ms\""),
      new AlertRule("latency-regression", Observations.LATENCY_RATIO, ABOVE, 2, Unit.FACTOR, Duration.ZERO,
          Severity.HIGH, "statement slower than its baseline",
          "Compare its plan now with before (an ANALYZE, a dropped index, data growth, a deploy); "
              + "querydoctor explain shows the plan.",
          "runbook 001 \"Alert: p95 query latency > 2x baseline\""),
      new AlertRule("new-slow-query", Observations.NEW_STATEMENT_MEAN_MS, ABOVE, 100, Unit.MILLISECONDS,
          Duration.ZERO, Severity.MEDIUM, "new slow statement since the last deploy",
          "The statement first ran after the latest deploy mark: EXPLAIN it and index or rewrite before it grows.",
          "runbook 000 \"NEW: Slow since deployment?\"; 004 \"Log queries > 100ms. Analyze daily for new slow queries\""),
      new AlertRule("health-finding", Observations.FINDING_SEVERITY, ABOVE, 2, Unit.SEVERITY, Duration.ZERO,
          Severity.HIGH, "health check finding",
          "Apply the finding's fix (in the alert); querydoctor check shows it with its evidence.",
          "runbook 000 \"Alert if statistics > 24 hours old\", \"Monitor index bloat: Alert if > 20% bloat\": the "
              + "catalog health checks on the heavy schedule, findings of medium severity or more"),
      new AlertRule("plan-changed", Observations.PLAN_CHANGED, ABOVE, 1, Unit.BOOLEAN, Duration.ZERO,
          Severity.MEDIUM, "statement plan changed",
          "Compare the two plans in the alert: a dropped or new index, an ANALYZE or data growth changes the "
              + "access path; if it got slower (latency-regression), restore the index or refresh statistics.",
          "issue #25 \"a plan that changes (after a deploy, an ANALYZE, data growth) becomes a plan-changed "
              + "finding\"; runbook 000 \"NEW: Slow since deployment?\""),
      new AlertRule("call-rate-regression", Observations.CALL_RATE_RATIO, ABOVE, 2, Unit.FACTOR, Duration.ZERO,
          Severity.HIGH, "statement called far more often than its baseline",
          "Look for an N+1 introduced by the latest deploy: a query run once per row of another (querydoctor "
              + "capture finds its call site); fetch the rows in one query (a join or IN list).",
          "issue #25 \"call-rate-regression (N+1 introduced: calls per request or per minute >= 2x)\"; runbook "
              + "001 \"Alert: p95 query latency > 2x baseline\" (the same 2x)"),
      new AlertRule("gradual-slowdown", Observations.DAILY_SLOWDOWN_PERCENT, ABOVE, 10, Unit.PERCENT_PER_DAY,
          Duration.ZERO, Severity.MEDIUM, "statement getting slower day by day",
          "A trend, not an incident: usually data growth outrunning an index or a plan (EXPLAIN it, check "
              + "table growth and bloat with querydoctor check) before it crosses the slow-query line.",
          "runbook 000 \"Is the problem NEW (since a deployment) or GRADUAL (getting slower over time)?\""),
      new AlertRule("pgbouncer-clients-waiting", Observations.PGBOUNCER_WAIT_SECONDS, ABOVE, 1, Unit.SECONDS,
          Duration.ofMinutes(1), Severity.HIGH, "PgBouncer clients waiting for a server connection",
          "The pool is too small for the load or its server connections are held too long: look for long "
              + "transactions and idle-in-transaction sessions behind it, then raise default_pool_size (keeping "
              + "the sum of pools under max_connections) or use pool_mode = transaction.",
          "runbook 004 \"Connection pooling introduces slight latency (waiting for an available connection)\"; "
              + "000 \"Monitor pool usage: Alert at 80% capacity\""));

  private BuiltInRules() {
  }
}

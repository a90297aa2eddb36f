package io.querydoctor.monitor.alert;

import io.querydoctor.core.finding.Subject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values alert rules are evaluated on for one target at one moment: per metric name, the value per
 * subject. A metric that is absent was not observable this time (a failed sample, too little traffic for a
 * ratio): rules on it keep their state rather than resolving.
 */
public final class Observations {

  public static final String TARGET_UP = "target_up";
  public static final String CONNECTIONS_USED_RATIO = "connections_used_ratio";
  public static final String IDLE_IN_TRANSACTION_SECONDS = "idle_in_transaction_seconds";
  public static final String LONGEST_QUERY_SECONDS = "longest_query_seconds";
  public static final String LOCK_WAIT_SECONDS = "lock_wait_seconds";
  public static final String CACHE_HIT_RATIO = "cache_hit_ratio";
  public static final String ROLLBACK_RATIO = "rollback_ratio";
  public static final String REPLICATION_LAG_SECONDS = "replication_lag_seconds";
  public static final String STATEMENT_MEAN_MS = "statement_mean_ms";
  public static final String LATENCY_RATIO = "latency_ratio";
  public static final String NEW_STATEMENT_MEAN_MS = "new_statement_mean_ms";
  /** Per heavy-check finding: its severity as a rank, info 0 … critical 4. */
  public static final String FINDING_SEVERITY = "finding_severity";

  /** Per top statement on a heavy run: 1 when its plan shape differs from the previous run's, else 0. */
  public static final String PLAN_CHANGED = "plan_changed";
  /** Per statement: calls per minute in the interval / calls per minute over its baseline window. */
  public static final String CALL_RATE_RATIO = "call_rate_ratio";
  /** Per statement: least-squares slope of its daily mean time over the last days, in % of their mean per day. */
  public static final String DAILY_SLOWDOWN_PERCENT = "daily_slowdown_percent";

  /** Per PgBouncer pool: how long its oldest waiting client has waited for a server connection, in seconds. */
  public static final String PGBOUNCER_WAIT_SECONDS = "pgbouncer_wait_seconds";

  /** Every metric a rule may name. */
  public static final Set<String> KNOWN = Set.of(TARGET_UP, CONNECTIONS_USED_RATIO, IDLE_IN_TRANSACTION_SECONDS,
      LONGEST_QUERY_SECONDS, LOCK_WAIT_SECONDS, CACHE_HIT_RATIO, ROLLBACK_RATIO, REPLICATION_LAG_SECONDS,
      STATEMENT_MEAN_MS, LATENCY_RATIO, NEW_STATEMENT_MEAN_MS, FINDING_SEVERITY, PLAN_CHANGED, CALL_RATE_RATIO,
      DAILY_SLOWDOWN_PERCENT, PGBOUNCER_WAIT_SECONDS);

  private final Map<String, Map<Subject, Double>> values = new LinkedHashMap<>();
  private final Map<String, Map<Subject, String>> details = new LinkedHashMap<>();
  private final java.util.Set<String> complete = new java.util.HashSet<>();

  public Observations put(String metric, Subject subject, double value) {
    values.computeIfAbsent(metric, k -> new LinkedHashMap<>()).put(subject, value);
    return this;
  }

  /** Like {@link #put}, with a line saying what exactly was observed (a finding's title and fix). */
  public Observations put(String metric, Subject subject, double value, String detail) {
    details.computeIfAbsent(metric, k -> new LinkedHashMap<>()).put(subject, detail);
    return put(metric, subject, value);
  }

  /**
   * Declares that {@code metric}'s subjects, as put, are all there are: an open alert on a subject that is not
   * among them has cleared (a statement no longer among the top ones, a finding the checks no longer report).
   */
  public Observations complete(String metric) {
    values.computeIfAbsent(metric, k -> new LinkedHashMap<>());
    complete.add(metric);
    return this;
  }

  public boolean isComplete(String metric) {
    return complete.contains(metric);
  }

  /** The detail given for {@code subject} on {@code metric}, or null (a plan change is not a slow query's text). */
  public String detail(String metric, Subject subject) {
    Map<Subject, String> byMetric = details.get(metric);
    return byMetric == null ? null : byMetric.get(subject);
  }

  /** The values of {@code metric} by subject, or null when it was not observed. */
  public Map<Subject, Double> of(String metric) {
    return values.get(metric);
  }
}

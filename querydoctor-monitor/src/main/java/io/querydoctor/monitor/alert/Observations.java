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

  /** Every metric a rule may name. */
  public static final Set<String> KNOWN = Set.of(TARGET_UP, CONNECTIONS_USED_RATIO, IDLE_IN_TRANSACTION_SECONDS,
      LONGEST_QUERY_SECONDS, LOCK_WAIT_SECONDS, CACHE_HIT_RATIO, ROLLBACK_RATIO, REPLICATION_LAG_SECONDS,
      STATEMENT_MEAN_MS, LATENCY_RATIO, NEW_STATEMENT_MEAN_MS);

  private final Map<String, Map<Subject, Double>> values = new LinkedHashMap<>();

  public Observations put(String metric, Subject subject, double value) {
    values.computeIfAbsent(metric, k -> new LinkedHashMap<>()).put(subject, value);
    return this;
  }

  /** Marks {@code metric} as observed even with no subject (e.g. no statement ran): nothing breaches. */
  public Observations observedNone(String metric) {
    values.computeIfAbsent(metric, k -> new LinkedHashMap<>());
    return this;
  }

  /** The values of {@code metric} by subject, or null when it was not observed. */
  public Map<Subject, Double> of(String metric) {
    return values.get(metric);
  }
}

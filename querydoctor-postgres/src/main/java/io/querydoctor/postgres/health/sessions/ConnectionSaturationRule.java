package io.querydoctor.postgres.health.sessions;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.postgres.health.HealthRule;
import io.querydoctor.postgres.health.HealthThresholds;
import java.util.ArrayList;
import java.util.List;

/**
 * connection-saturation: client connections near the limit ordinary roles can use. The next burst (or a
 * leak) gets "too many clients already" (runbook 000, connection pool exhaustion).
 */
public final class ConnectionSaturationRule implements HealthRule<ConnectionCountCheck.Row> {

  /** From this share on the next burst fails: outage risk now. */
  private static final double CRITICAL_RATIO = 0.95;

  private final HealthThresholds thresholds;

  public ConnectionSaturationRule(HealthThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public List<Finding> evaluate(List<ConnectionCountCheck.Row> rows) {
    List<Finding> findings = new ArrayList<>();
    for (ConnectionCountCheck.Row row : rows) {
      double ratio = (double) row.clients() / row.usable();
      if (ratio >= thresholds.connectionSaturationRatio()) {
        findings.add(finding(row, ratio));
      }
    }
    return findings;
  }

  private Finding finding(ConnectionCountCheck.Row row, double ratio) {
    boolean mostlyIdle = row.idle() + row.idleInTransaction() > row.active();
    return Finding.builder("connection-saturation", ratio >= CRITICAL_RATIO ? Severity.CRITICAL : Severity.HIGH)
        .title(row.clients() + " of " + row.usable() + " usable connections are in use ("
            + Quantities.format(ratio, "ratio") + ")")
        .subject(Subject.setting("max_connections"))
        .detail(row.active() + " active, " + row.idle() + " idle, " + row.idleInTransaction()
            + " idle in a transaction; max_connections = " + row.maxConnections() + " with " + row.reserved()
            + " reserved." + (mostlyIdle ? " Most connections do nothing: the pools are larger than the work." : ""))
        .evidence(Evidence.crossed("connection_ratio", ratio, "ratio", thresholds.connectionSaturationRatio()))
        .evidence(Evidence.of("client_connections", row.clients(), "count"))
        .evidence(Evidence.of("idle_connections", row.idle(), "count"))
        .evidence(Evidence.of("max_connections", row.maxConnections(), "count"))
        .impact(Impact.unknown("outage risk: new connections are refused at the limit"))
        .fix(Fix.setting("Size application pools to the work (a few connections per core serve thousands of "
            + "requests) or put PgBouncer in transaction mode in front; raising max_connections costs memory per "
            + "backend. Close sessions that sit idle for long (idle_session_timeout, PostgreSQL 14+):",
            "ALTER SYSTEM SET idle_session_timeout = '10min';\nSELECT pg_reload_conf();"))
        .build();
  }
}

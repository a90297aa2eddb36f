package io.querydoctor.postgres.health.database;

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

/** replication-lag: a standby replays WAL later than the threshold behind the primary. */
public final class ReplicationLagRule implements HealthRule<ReplicationCheck.Row> {

  /** A minute behind: reads from the replica are visibly wrong and failover would lose that much. */
  private static final double HIGH_SECONDS = 60;

  private final HealthThresholds thresholds;

  public ReplicationLagRule(HealthThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public List<Finding> evaluate(List<ReplicationCheck.Row> rows) {
    double minSeconds = thresholds.replicationLag().toMillis() / 1000.0;
    List<Finding> findings = new ArrayList<>();
    for (ReplicationCheck.Row row : rows) {
      if (row.lagSeconds() >= minSeconds) {
        findings.add(finding(row, minSeconds));
      }
    }
    return findings;
  }

  private static Finding finding(ReplicationCheck.Row row, double minSeconds) {
    String lag = Quantities.format(row.lagSeconds(), "s");
    Finding.Builder finding = Finding.builder("replication-lag",
            row.lagSeconds() >= HIGH_SECONDS ? Severity.HIGH : Severity.MEDIUM)
        .title("Replica " + row.replica() + " is " + lag + " behind")
        .subject(row.pid() == 0 ? Subject.database(row.replica()) : Subject.session(row.pid()))
        .detail("State " + row.state() + "; reads from it return data " + lag + " old, and a failover now would "
            + "lose what it has not replayed.")
        .evidence(Evidence.crossed("replay_lag", row.lagSeconds(), "s", minSeconds));
    if (row.lagBytes() >= 0) {
      finding.evidence(Evidence.of("replay_lag_bytes", row.lagBytes(), "bytes"));
    }
    return finding
        .impact(Impact.unknown("stale reads and data-loss window of " + lag))
        .fix(Fix.action("On the replica, look for long queries that conflict with replay "
            + "(max_standby_streaming_delay, hot_standby_feedback), I/O saturation and network throughput; on the "
            + "primary, bursts of WAL (bulk loads, index builds)."))
        .build();
  }
}

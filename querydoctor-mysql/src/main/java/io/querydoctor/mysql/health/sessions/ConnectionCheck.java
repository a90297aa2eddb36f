package io.querydoctor.mysql.health.sessions;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.mysql.MySqlTarget;
import io.querydoctor.mysql.MySqlThresholds;
import io.querydoctor.mysql.health.MySqlHealthCheck;
import io.querydoctor.mysql.health.ServerStatus;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * connection-saturation: connections now ({@code Threads_connected}) or at their peak since the server started
 * ({@code Max_used_connections}) against {@code max_connections}. Past it clients get "Too many connections"
 * (one more is reserved for a SUPER/CONNECTION ADMIN user). Now is high severity; only the peak, medium.
 */
public final class ConnectionCheck implements MySqlHealthCheck {

  @Override
  public String name() {
    return "connections";
  }

  @Override
  public void run(MySqlTarget target, MySqlThresholds thresholds, DiagnosisResults results) throws SQLException {
    ServerStatus status = ServerStatus.read(target.executor(), true,
        List.of("Threads_connected", "Max_used_connections"));
    long max = target.executor().queryOne("SELECT @@GLOBAL.max_connections", rs -> rs.getLong(1));
    finding((long) status.number("Threads_connected", 0), (long) status.number("Max_used_connections", 0), max,
        thresholds).ifPresent(results::add);
  }

  static Optional<Finding> finding(long connected, long peak, long max, MySqlThresholds thresholds) {
    double now = connected / (double) max;
    double atPeak = peak / (double) max;
    if (now < thresholds.connectionSaturationRatio() && atPeak < thresholds.connectionSaturationRatio()) {
      return Optional.empty();
    }
    boolean current = now >= thresholds.connectionSaturationRatio();
    return Optional.of(Finding.builder("connection-saturation", current ? Severity.HIGH : Severity.MEDIUM)
        .title(current ? connected + " of " + max + " connections in use"
            : "Connections peaked at " + peak + " of " + max + " since the server started")
        .subject(Subject.setting("max_connections"))
        .detail(connected + " sessions are connected now, at most " + peak + " were since the server started, and "
            + "max_connections is " + max + ": a burst or a connection leak gets \"Too many connections\".")
        .evidence(Evidence.crossed("connected_ratio", now, "ratio", thresholds.connectionSaturationRatio()))
        .evidence(Evidence.crossed("peak_ratio", atPeak, "ratio", thresholds.connectionSaturationRatio()))
        .evidence(Evidence.of("max_connections", max, "count"))
        .impact(Impact.unknown("outage risk: new connections are refused at the limit"))
        .fix(Fix.action("Size the application's pools so that their sum stays under max_connections (a pool of "
            + "cores × 2 per instance is usually plenty) and look for connections held while idle; raise "
            + "max_connections (SET GLOBAL, and in my.cnf) only when the server has the memory for more sessions."))
        .build());
  }
}

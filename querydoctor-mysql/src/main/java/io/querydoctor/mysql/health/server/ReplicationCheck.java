package io.querydoctor.mysql.health.server;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.mysql.MySqlTarget;
import io.querydoctor.mysql.MySqlThresholds;
import io.querydoctor.mysql.connect.ServerVersion;
import io.querydoctor.mysql.health.MySqlHealthCheck;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * replication-lag on a replica: {@code SHOW REPLICA STATUS} (MariaDB 10.5.1+, MySQL 8.0.22+; {@code SHOW SLAVE
 * STATUS} before), one row per replication channel. Lag is {@code Seconds_Behind_Source}
 * ({@code Seconds_Behind_Master} on MariaDB and older MySQL); stopped replication threads are critical, since the
 * lag then only grows. Not a replica: the check is skipped, saying so.
 */
public final class ReplicationCheck implements MySqlHealthCheck {

  @Override
  public String name() {
    return "replication";
  }

  /** Whether this server knows {@code SHOW REPLICA STATUS} (version gate as data). */
  static String statement(ServerVersion server) {
    boolean replica = server.isMariaDb() ? server.atLeast(10, 5, 1) : server.atLeast(8, 0, 22);
    return replica ? "SHOW REPLICA STATUS" : "SHOW SLAVE STATUS";
  }

  @Override
  public void run(MySqlTarget target, MySqlThresholds thresholds, DiagnosisResults results) throws SQLException {
    List<Map<String, String>> channels = target.executor().queryUnprepared(statement(target.server()), rs -> {
      ResultSetMetaData md = rs.getMetaData();
      Map<String, String> row = new HashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getString(i));
      }
      return row;
    });
    if (channels.isEmpty()) {
      results.skip("replication-lag", "not a replica (" + statement(target.server()) + " returned no channel)");
      return;
    }
    results.addAll(findings(channels, thresholds));
  }

  static List<Finding> findings(List<Map<String, String>> channels, MySqlThresholds thresholds) {
    List<Finding> findings = new ArrayList<>();
    for (Map<String, String> c : channels) {
      String name = first(c, "channel_name", "connection_name");
      String label = name == null || name.isBlank() ? "replication" : "replication channel " + name;
      boolean io = "Yes".equalsIgnoreCase(first(c, "replica_io_running", "slave_io_running"));
      boolean sql = "Yes".equalsIgnoreCase(first(c, "replica_sql_running", "slave_sql_running"));
      String lagText = first(c, "seconds_behind_source", "seconds_behind_master");
      if (!io || !sql) {
        String error = first(c, "last_error", "last_sql_error");
        findings.add(Finding.builder("replication-lag", Severity.CRITICAL)
            .title("The " + label + " is stopped (I/O thread " + (io ? "running" : "stopped") + ", SQL thread "
                + (sql ? "running" : "stopped") + ")")
            .subject(Subject.setting(label))
            .detail("A stopped replica falls further behind every second." + (error == null || error.isBlank() ? ""
                : " Last error: " + error.strip().split("\\R", 2)[0]))
            .evidence(Evidence.of("io_thread_running", io ? 1 : 0, "flag"))
            .evidence(Evidence.of("sql_thread_running", sql ? 1 : 0, "flag"))
            .impact(Impact.unknown("replicas serve ever older data; failover loses what is not applied"))
            .fix(Fix.action("Read the error, fix its cause, then START REPLICA (START SLAVE before MariaDB 10.5 / "
                + "MySQL 8.0.22)."))
            .build());
        continue;
      }
      long lag = lagText == null ? -1 : Long.parseLong(lagText.strip());
      if (lag * 1000 >= thresholds.replicationLag().toMillis()) {
        findings.add(Finding.builder("replication-lag", lag >= 60 ? Severity.HIGH : Severity.MEDIUM)
            .title("The " + label + " is " + lag + " s behind its source")
            .subject(Subject.setting(label))
            .detail("Reads from this replica see data " + lag + " s old. Usual causes: one large transaction, a "
                + "table without a primary key (row events applied by full scans), single-threaded apply.")
            .evidence(Evidence.crossed("lag", lag, "s", thresholds.replicationLag().toSeconds()))
            .impact(Impact.unknown("stale reads and data-loss window of " + lag + " s"))
            .fix(Fix.action("Find the statement being applied (SHOW PROCESSLIST on the replica), add primary keys, "
                + "split large transactions, and enable parallel apply (replica_parallel_workers / "
                + "slave_parallel_threads)."))
            .build());
      }
    }
    return findings;
  }

  private static String first(Map<String, String> row, String... names) {
    for (String name : names) {
      if (row.containsKey(name)) {
        return row.get(name);
      }
    }
    return null;
  }
}

package io.querydoctor.mysql.health;

import io.querydoctor.core.diagnosis.Analyzer;
import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.mysql.MySqlTarget;
import io.querydoctor.mysql.MySqlThresholds;
import io.querydoctor.mysql.health.indexes.IndexDefinitionCheck;
import io.querydoctor.mysql.health.indexes.PrimaryKeyCheck;
import io.querydoctor.mysql.health.indexes.UnusedIndexCheck;
import io.querydoctor.mysql.health.maintenance.AutoIncrementCheck;
import io.querydoctor.mysql.health.maintenance.FragmentationCheck;
import io.querydoctor.mysql.health.maintenance.StaleStatisticsCheck;
import io.querydoctor.mysql.health.server.BufferPoolCheck;
import io.querydoctor.mysql.health.server.ReplicationCheck;
import io.querydoctor.mysql.health.server.TmpTableCheck;
import io.querydoctor.mysql.health.sessions.ConnectionCheck;
import io.querydoctor.mysql.health.sessions.LockWaitCheck;
import io.querydoctor.mysql.health.sessions.SessionCheck;
import java.sql.SQLException;
import java.util.List;

/** The MySQL/MariaDB health checks, each isolated: one that fails is a skipped line, the others still run. */
public final class MySqlHealthAnalyzer implements Analyzer<MySqlTarget> {

  private final MySqlThresholds thresholds;
  private final List<MySqlHealthCheck> checks;

  public MySqlHealthAnalyzer(MySqlThresholds thresholds) {
    this(thresholds, all());
  }

  public MySqlHealthAnalyzer(MySqlThresholds thresholds, List<MySqlHealthCheck> checks) {
    this.thresholds = thresholds;
    this.checks = List.copyOf(checks);
  }

  /** Every check, in report order: schema first, then maintenance, sessions and the server. */
  public static List<MySqlHealthCheck> all() {
    return List.of(new IndexDefinitionCheck(), new UnusedIndexCheck(), new PrimaryKeyCheck(),
        new StaleStatisticsCheck(), new FragmentationCheck(), new AutoIncrementCheck(), new ConnectionCheck(),
        new SessionCheck(), new LockWaitCheck(), new BufferPoolCheck(), new TmpTableCheck(), new ReplicationCheck());
  }

  @Override
  public String name() {
    return "health";
  }

  @Override
  public void analyze(MySqlTarget target, DiagnosisResults results) {
    for (MySqlHealthCheck check : checks) {
      try {
        check.run(target, thresholds, results);
      } catch (SQLException e) {
        results.skip(check.name(), firstLine(e.getMessage()));
      }
    }
  }

  private static String firstLine(String message) {
    return message == null ? "failed without a message" : message.strip().split("\\R", 2)[0];
  }
}

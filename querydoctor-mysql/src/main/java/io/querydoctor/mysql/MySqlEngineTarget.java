package io.querydoctor.mysql;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.engine.ConnectionRequest;
import io.querydoctor.core.engine.DatabaseEngine;
import io.querydoctor.core.engine.EngineFailure;
import io.querydoctor.core.engine.EngineTarget;
import io.querydoctor.core.engine.RunSettings;
import io.querydoctor.core.report.Report;
import io.querydoctor.mysql.connect.MySqlConnector;
import io.querydoctor.mysql.connect.MySqlUrl;
import io.querydoctor.mysql.workload.WorkloadAnalyzer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/** A MySQL or MariaDB database reached through the engine SPI. */
final class MySqlEngineTarget implements EngineTarget {

  private final DatabaseEngine engine;
  private final MySqlUrl url;
  private final ConnectionRequest request;

  MySqlEngineTarget(DatabaseEngine engine, MySqlUrl url, ConnectionRequest request) {
    this.engine = engine;
    this.url = url;
    this.request = request;
  }

  @Override
  public DatabaseEngine engine() {
    return engine;
  }

  @Override
  public String redactedUrl() {
    return url.redacted();
  }

  @Override
  public Connection connect() throws EngineFailure {
    return MySqlConnector.standard(request.environment()).connect(url, request.user(), request.passwordEnv());
  }

  @Override
  public Report check(RunSettings settings, ProgressListener progress) throws EngineFailure, SQLException {
    MySqlThresholds thresholds = MySqlThresholds.defaults().with(settings.thresholds());
    return new MySqlDiagnosis(MySqlAnalyzers.health(thresholds), progress).run(connect(), redactedUrl(),
        settings.tool());
  }

  @Override
  public Report diagnose(RunSettings settings, ProgressListener progress) throws EngineFailure, SQLException {
    MySqlThresholds thresholds = MySqlThresholds.defaults().with(settings.thresholds());
    WorkloadAnalyzer workload = new WorkloadAnalyzer(Clock.systemUTC());
    Report report = new MySqlDiagnosis(MySqlAnalyzers.all(workload, thresholds), progress).run(connect(),
        redactedUrl(), settings.tool());
    return MySqlAnalyzers.withWorkload(report, workload);
  }
}

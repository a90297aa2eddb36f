package io.querydoctor.postgres;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.engine.ConnectionRequest;
import io.querydoctor.core.engine.DatabaseEngine;
import io.querydoctor.core.engine.EngineTarget;
import io.querydoctor.core.engine.RunSettings;
import io.querydoctor.core.report.Report;
import io.querydoctor.postgres.connect.ConnectionFailure;
import io.querydoctor.postgres.connect.PgConnector;
import io.querydoctor.postgres.connect.PgPass;
import io.querydoctor.postgres.connect.PgUrl;
import io.querydoctor.postgres.health.HealthThresholds;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A PostgreSQL database reached through the engine SPI: the default analyzers with the run's thresholds. The
 * CLI's PostgreSQL-only options (symptoms, {@code --analyze}, server logs, verification) use {@link PgDiagnosis}
 * and {@link PgAnalyzers} directly.
 */
final class PgEngineTarget implements EngineTarget {

  private final DatabaseEngine engine;
  private final PgUrl url;
  private final ConnectionRequest request;

  PgEngineTarget(DatabaseEngine engine, PgUrl url, ConnectionRequest request) {
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
  public Connection connect() throws ConnectionFailure {
    PgConnector connector = new PgConnector(request.environment(), PgPass.standard(request.environment()));
    return connector.connect(url, request.user(), request.passwordEnv());
  }

  @Override
  public Report check(RunSettings settings, ProgressListener progress) throws ConnectionFailure, SQLException {
    return new PgDiagnosis(PgAnalyzers.health(thresholds(settings), false), progress)
        .run(connect(), redactedUrl(), settings.tool());
  }

  @Override
  public Report diagnose(RunSettings settings, ProgressListener progress) throws ConnectionFailure, SQLException {
    return new PgDiagnosis(PgAnalyzers.all(thresholds(settings), false, settings.sandbox()), progress)
        .run(connect(), redactedUrl(), settings.tool());
  }

  private static HealthThresholds thresholds(RunSettings settings) {
    return HealthThresholds.defaults().with(settings.thresholds());
  }
}

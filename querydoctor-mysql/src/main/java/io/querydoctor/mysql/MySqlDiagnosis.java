package io.querydoctor.mysql;

import io.querydoctor.core.diagnosis.Analyzer;
import io.querydoctor.core.diagnosis.Diagnosis;
import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.engine.EngineFailure;
import io.querydoctor.core.report.Report;
import io.querydoctor.mysql.connect.SafeExecutor;
import io.querydoctor.mysql.connect.ServerVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** Diagnoses one MySQL or MariaDB database with the given analyzers. */
public final class MySqlDiagnosis {

  private final List<Analyzer<? super MySqlTarget>> analyzers;
  private final ProgressListener progress;

  public MySqlDiagnosis(List<Analyzer<? super MySqlTarget>> analyzers, ProgressListener progress) {
    this.analyzers = List.copyOf(analyzers);
    this.progress = progress;
  }

  /** Takes ownership of {@code connection}, checks the server is supported, runs every analyzer, closes it. */
  public Report run(Connection connection, String targetName, String tool) throws EngineFailure, SQLException {
    try (SafeExecutor executor = new SafeExecutor(connection)) {
      MySqlTarget target = describe(executor);
      return new Diagnosis<MySqlTarget>(analyzers, progress, Clock.systemUTC()).run(target, targetName, tool);
    }
  }

  /** What the analyzers need to know about the server, refusing versions older than MariaDB 10.6 and MySQL 8.0. */
  public static MySqlTarget describe(SafeExecutor executor) throws EngineFailure, SQLException {
    ServerVersion server = executor.server();
    boolean supported = server.isMariaDb() ? server.atLeast(10, 6, 0) : server.atLeast(8, 0, 0);
    if (!supported) {
      throw new EngineFailure(server.label() + " is not supported (MariaDB 10.6 or MySQL 8.0 or newer is needed)");
    }
    String database = executor.queryOne("SELECT DATABASE()", rs -> rs.getString(1));
    return new MySqlTarget(executor, server, database);
  }
}

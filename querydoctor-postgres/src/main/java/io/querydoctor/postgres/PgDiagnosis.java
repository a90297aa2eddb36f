package io.querydoctor.postgres;

import io.querydoctor.core.diagnosis.Analyzer;
import io.querydoctor.core.diagnosis.Diagnosis;
import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.report.Report;
import io.querydoctor.postgres.connect.ConnectionFailure;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** Diagnoses one PostgreSQL database with the given analyzers. */
public final class PgDiagnosis {

  /** The oldest server QueryDoctor supports; older ones are refused up front rather than half-checked. */
  public static final int MIN_SERVER_VERSION_NUM = 130_000;

  private final List<Analyzer<? super PgTarget>> analyzers;
  private final ProgressListener progress;

  public PgDiagnosis(List<Analyzer<? super PgTarget>> analyzers, ProgressListener progress) {
    this.analyzers = List.copyOf(analyzers);
    this.progress = progress;
  }

  /**
   * Takes ownership of {@code connection}, checks the server is a supported PostgreSQL, runs every analyzer
   * and closes the connection.
   */
  public Report run(Connection connection, String targetName, String tool) throws ConnectionFailure, SQLException {
    try (SafeExecutor executor = new SafeExecutor(connection)) {
      PgTarget target = describe(executor);
      return new Diagnosis<PgTarget>(analyzers, progress, Clock.systemUTC()).run(target, targetName, tool);
    }
  }

  /** Reads what the analyzers need to know about the server, refusing what is not PostgreSQL 13+. */
  public static PgTarget describe(SafeExecutor executor) throws ConnectionFailure, SQLException {
    String product = executor.connection().getMetaData().getDatabaseProductName();
    if (!"PostgreSQL".equalsIgnoreCase(product)) {
      throw new ConnectionFailure("the server is " + product + ", not PostgreSQL");
    }
    int version = executor.queryOne("SELECT current_setting('server_version_num')::int", rs -> rs.getInt(1));
    if (version < MIN_SERVER_VERSION_NUM) {
      throw new ConnectionFailure("PostgreSQL " + version / 10_000 + " is not supported (13 or newer is needed)");
    }
    String database = executor.queryOne("SELECT current_database()", rs -> rs.getString(1));
    return new PgTarget(executor, version, database);
  }
}

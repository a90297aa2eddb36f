package io.querydoctor.postgres.health;

import io.querydoctor.core.diagnosis.Analyzer;
import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.postgres.PgTarget;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Runs every PostgreSQL health check against one database through its {@link SafeExecutor}. A check the
 * server version or the role cannot run is reported as skipped with the reason; a check whose query fails
 * (a permission the catalog enforces, a timeout) is skipped with the server's message, and the others run.
 * Checks run one after the other on the diagnosing thread, each query in its own rolled-back transaction.
 */
public final class HealthAnalyzer implements Analyzer<PgTarget> {

  /** SQLSTATE insufficient_privilege. */
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  private final List<HealthCheck<?>> checks;

  public HealthAnalyzer(List<HealthCheck<?>> checks) {
    this.checks = List.copyOf(checks);
  }

  /** Every check in {@link HealthChecks} with {@code thresholds}. */
  public HealthAnalyzer(HealthThresholds thresholds) {
    this(HealthChecks.all(thresholds));
  }

  /** Every check, with bloat measured by pgstattuple when {@code exactBloat}; see {@link HealthChecks#all}. */
  public HealthAnalyzer(HealthThresholds thresholds, boolean exactBloat) {
    this(HealthChecks.all(thresholds, exactBloat));
  }

  public HealthAnalyzer() {
    this(HealthThresholds.defaults());
  }

  @Override
  public String name() {
    return "health";
  }

  @Override
  public void analyze(PgTarget target, DiagnosisResults results) throws SQLException {
    SafeExecutor executor = target.executor();
    ServerProfile server = ServerProfile.read(executor);
    for (HealthCheck<?> check : checks) {
      runCheck(check, server, executor, results);
    }
  }

  private static <R> void runCheck(HealthCheck<R> check, ServerProfile server, SafeExecutor executor,
      DiagnosisResults results) {
    Optional<CatalogQuery<R>> query = check.variantFor(server.versionNum());
    if (query.isEmpty()) {
      results.skip(check.name(), "needs PostgreSQL " + ServerProfile.versionText(check.minServerVersion())
          + " or later; server is " + ServerProfile.versionText(server.versionNum()));
      return;
    }
    if (!check.requirement().metBy(server)) {
      results.skip(check.name(), check.requirement().missingReason());
      return;
    }
    try {
      results.addAll(check.run(query.get(), executor));
    } catch (SQLException e) {
      results.skip(check.name(), reason(e));
    } catch (RuntimeException e) {
      // A rule that trips over an unexpected row must not cost the other checks their findings.
      results.skip(check.name(), "internal error: " + e);
    }
  }

  private static String reason(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    int firstLine = message.indexOf('\n');
    message = firstLine < 0 ? message : message.substring(0, firstLine);
    return INSUFFICIENT_PRIVILEGE.equals(e.getSQLState()) ? "permission denied: " + message : message;
  }
}

package io.querydoctor.postgres.health;

import io.querydoctor.postgres.health.database.CacheHitCheck;
import io.querydoctor.postgres.health.database.DatabaseActivityCheck;
import io.querydoctor.postgres.health.database.HighRollbackRatioRule;
import io.querydoctor.postgres.health.database.LowCacheHitRatioRule;
import io.querydoctor.postgres.health.database.PgStatStatementsMissingRule;
import io.querydoctor.postgres.health.database.ReplicationCheck;
import io.querydoctor.postgres.health.database.ReplicationLagRule;
import io.querydoctor.postgres.health.database.SequenceCheck;
import io.querydoctor.postgres.health.database.SequenceExhaustionRule;
import io.querydoctor.postgres.health.database.StatementStatisticsCheck;
import io.querydoctor.postgres.health.database.TempFileSpillRule;
import io.querydoctor.postgres.health.indexes.ForeignKeyIndexCheck;
import io.querydoctor.postgres.health.indexes.IndexCatalogCheck;
import io.querydoctor.postgres.health.indexes.IndexHygieneRule;
import io.querydoctor.postgres.health.indexes.LowIndexUsageRule;
import io.querydoctor.postgres.health.indexes.MissingFkIndexRule;
import io.querydoctor.postgres.health.indexes.MissingPrimaryKeyRule;
import io.querydoctor.postgres.health.indexes.OverIndexedTableRule;
import io.querydoctor.postgres.health.indexes.PrimaryKeyCheck;
import io.querydoctor.postgres.health.maintenance.BloatRules;
import io.querydoctor.postgres.health.maintenance.ExactBloatCheck;
import io.querydoctor.postgres.health.maintenance.IndexBloatCheck;
import io.querydoctor.postgres.health.maintenance.StaleStatisticsRule;
import io.querydoctor.postgres.health.maintenance.TableActivityCheck;
import io.querydoctor.postgres.health.maintenance.TableBloatCheck;
import io.querydoctor.postgres.health.maintenance.TransactionIdAgeCheck;
import io.querydoctor.postgres.health.maintenance.VacuumOverdueRule;
import io.querydoctor.postgres.health.maintenance.XidWraparoundRule;
import io.querydoctor.postgres.health.sessions.ConnectionCountCheck;
import io.querydoctor.postgres.health.sessions.ConnectionSaturationRule;
import io.querydoctor.postgres.health.sessions.IdleInTransactionRule;
import io.querydoctor.postgres.health.sessions.LockContentionRule;
import io.querydoctor.postgres.health.sessions.LockWaitCheck;
import io.querydoctor.postgres.health.sessions.LongRunningQueryRule;
import io.querydoctor.postgres.health.sessions.SessionActivityCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog of PostgreSQL health checks, grouped per concern, each query wired to the rules that read
 * its rows. The check names are what skipped-check reasons and {@code docs/permissions.md} refer to.
 */
public final class HealthChecks {

  private HealthChecks() {}

  /** Every check, with {@code thresholds}, bloat estimated from statistics. */
  public static List<HealthCheck<?>> all(HealthThresholds t) {
    return all(t, false);
  }

  /**
   * Every check, with {@code thresholds}. With {@code exactBloat} bloat is measured with pgstattuple (which
   * reads the relations, so only when the user asks) instead of estimated from statistics.
   */
  public static List<HealthCheck<?>> all(HealthThresholds t, boolean exactBloat) {
    List<HealthCheck<?>> checks = new ArrayList<>(catalog(t));
    if (exactBloat) {
      checks.add(HealthCheck.of("maintenance.exact-bloat", ExactBloatCheck.QUERY, BloatRules.measured(t))
          .requiring(Requirement.PGSTATTUPLE));
    } else {
      checks.add(HealthCheck.of("maintenance.table-bloat", TableBloatCheck.QUERY, BloatRules.tables(t)));
      checks.add(HealthCheck.of("maintenance.index-bloat", IndexBloatCheck.QUERY, BloatRules.indexes(t)));
    }
    return checks;
  }

  private static List<HealthCheck<?>> catalog(HealthThresholds t) {
    return List.of(
        HealthCheck.of("indexes.catalog", IndexCatalogCheck.QUERY, new IndexHygieneRule(t),
            new OverIndexedTableRule(t)),
        HealthCheck.of("indexes.foreign-keys", ForeignKeyIndexCheck.QUERY, new MissingFkIndexRule(t)),
        HealthCheck.of("schema.primary-keys", PrimaryKeyCheck.QUERY, new MissingPrimaryKeyRule()),
        HealthCheck.of("maintenance.tables", TableActivityCheck.QUERY, new StaleStatisticsRule(t),
            new VacuumOverdueRule(t), new LowIndexUsageRule(t)),
        HealthCheck.of("maintenance.xid-age", TransactionIdAgeCheck.QUERY, new XidWraparoundRule(t)),
        HealthCheck.of("maintenance.sequences", SequenceCheck.QUERY, new SequenceExhaustionRule(t)),
        new HealthCheck<>("connections.saturation", Requirement.NONE, ConnectionCountCheck.VARIANTS,
            List.of(new ConnectionSaturationRule(t))),
        HealthCheck.of("connections.sessions", SessionActivityCheck.QUERY, new IdleInTransactionRule(t),
            new LongRunningQueryRule(t)).requiring(Requirement.READ_ALL_STATS),
        new HealthCheck<>("locks.blocked-sessions", Requirement.READ_ALL_STATS, LockWaitCheck.VARIANTS,
            List.of(new LockContentionRule(t))),
        HealthCheck.of("cache.hit-ratio", CacheHitCheck.QUERY, new LowCacheHitRatioRule(t)),
        HealthCheck.of("database.activity", DatabaseActivityCheck.QUERY, new HighRollbackRatioRule(t),
            new TempFileSpillRule(t)),
        HealthCheck.of("replication.lag", ReplicationCheck.QUERY, new ReplicationLagRule(t))
            .requiring(Requirement.READ_ALL_STATS),
        HealthCheck.of("extensions.pg-stat-statements", StatementStatisticsCheck.QUERY,
            new PgStatStatementsMissingRule()));
  }
}

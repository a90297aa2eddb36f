package io.querydoctor.postgres.health.database;

import static io.querydoctor.postgres.health.HealthProbe.execute;
import static io.querydoctor.postgres.health.HealthProbe.executeAndFlushStats;
import static io.querydoctor.postgres.health.HealthProbe.findings;
import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.postgres.health.HealthProbe;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Database-wide counters, each driven past its threshold for real. Ordered: each test adds to the counters. */
@ExtendWith(EmbeddedPostgresExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseHealthIT {

  @Test
  @Order(1)
  void quietDatabaseHasNoCounterFindings(TestDatabase db) throws Exception {
    DiagnosisResults results = HealthProbe.run(db);
    assertThat(findings(results, "high-rollback-ratio")).isEmpty();
    assertThat(findings(results, "temp-file-spill")).isEmpty();
    assertThat(findings(results, "low-cache-hit-ratio")).isEmpty();
    assertThat(findings(results, "replication-lag")).as("no replicas: the check runs and stays silent").isEmpty();
    assertThat(results.skipped()).isEmpty();
  }

  @Test
  @Order(2)
  void pgStatStatementsPreloadedButNotCreatedIsInfo(TestDatabase db) throws Exception {
    assertThat(findings(HealthProbe.run(db), "pg-stat-statements-missing", db.name())).singleElement()
        .satisfies(f -> assertThat(f.fix().sql()).isEqualTo("CREATE EXTENSION IF NOT EXISTS pg_stat_statements;"));
    execute(db, "CREATE EXTENSION pg_stat_statements");
    assertThat(findings(HealthProbe.run(db), "pg-stat-statements-missing")).isEmpty();
  }

  @Test
  @Order(3)
  void manyRolledBackTransactionsAreHighRollbackRatio(TestDatabase db) throws Exception {
    // 10 000 real transactions from one DO block: 9 000 commits and 1 000 rollbacks (10 %).
    executeAndFlushStats(db, """
        DO $$
        BEGIN
          FOR i IN 1..10000 LOOP
            PERFORM 1;
            IF i % 10 = 0 THEN ROLLBACK; ELSE COMMIT; END IF;
          END LOOP;
        END $$""");
    DiagnosisResults results = HealthProbe.run(db);
    assertThat(findings(results, "high-rollback-ratio", db.name())).singleElement()
        .satisfies(f -> assertThat(f.evidence().get(0).value()).isBetween(0.09, 0.12));
  }

  @Test
  @Order(4)
  void sortsSpillingToDiskAreTempFileSpill(TestDatabase db) throws Exception {
    executeAndFlushStats(db, "SET work_mem = '64kB'",
        "SELECT count(*) FROM (SELECT repeat(md5(g::text), 16) AS h FROM generate_series(1, 250000) g ORDER BY h) s");
    DiagnosisResults results = HealthProbe.run(db);
    assertThat(findings(results, "temp-file-spill", "work_mem")).singleElement()
        .satisfies(f -> assertThat(f.fix().sql()).contains("SET work_mem = '"));
  }

  @Test
  @Order(5)
  void largeSequentialScansMissTheCache(TestDatabase db) throws Exception {
    // CREATE TABLE AS writes through a 16 MB ring and a table over a quarter of shared_buffers (128 MB) is
    // scanned through a 256 kB ring, so most of its blocks are read from the kernel on every scan.
    executeAndFlushStats(db,
        "CREATE TABLE big AS SELECT g AS id, repeat('x', 200) AS filler FROM generate_series(1, 200000) g");
    executeAndFlushStats(db, "SELECT count(*) FROM big", "SELECT count(*) FROM big", "SELECT count(*) FROM big");
    assertThat(findings(HealthProbe.run(db), "low-cache-hit-ratio", db.name())).singleElement()
        .satisfies(f -> assertThat(f.evidence().get(0).name()).isEqualTo("table_cache_hit_ratio"));
  }
}

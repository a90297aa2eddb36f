package io.querydoctor.postgres.health.maintenance;

import static io.querydoctor.postgres.health.HealthProbe.execute;
import static io.querydoctor.postgres.health.HealthProbe.executeAndFlushStats;
import static io.querydoctor.postgres.health.HealthProbe.findings;
import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.postgres.health.HealthProbe;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresExtension.class)
class MaintenanceHealthIT {

  private static DiagnosisResults results;

  @BeforeAll
  static void plantMaintenanceProblems(TestDatabase db) throws Exception {
    // Changed after ANALYZE, with autovacuum off so nothing re-analyzes it behind the test's back.
    executeAndFlushStats(db,
        "CREATE TABLE events (id bigint PRIMARY KEY, kind int NOT NULL, payload text) "
            + "WITH (autovacuum_enabled = false)",
        "INSERT INTO events SELECT g, g % 7, 'payload ' || g FROM generate_series(1, 20000) g");
    executeAndFlushStats(db, "ANALYZE events", "UPDATE events SET kind = kind + 1 WHERE id <= 6000");
    // A healthy table: analyzed after its load, autovacuum on.
    executeAndFlushStats(db,
        "CREATE TABLE settled (id bigint PRIMARY KEY, v int NOT NULL)",
        "INSERT INTO settled SELECT g, g % 100 FROM generate_series(1, 20000) g");
    executeAndFlushStats(db, "ANALYZE settled");
    // 90 % deleted and vacuumed: the space stays allocated in the table and in the index.
    executeAndFlushStats(db,
        "CREATE TABLE bloated (id bigint PRIMARY KEY, code text NOT NULL, payload text NOT NULL) "
            + "WITH (autovacuum_enabled = false)",
        "INSERT INTO bloated SELECT g, md5(g::text), repeat('x', 80) FROM generate_series(1, 300000) g",
        "CREATE INDEX bloated_code_idx ON bloated (code)",
        "DELETE FROM bloated WHERE id % 10 <> 0");
    execute(db, "VACUUM ANALYZE bloated");
    // Sequences near the end of their column's range.
    execute(db,
        "CREATE TABLE tickets (id serial PRIMARY KEY)",
        "SELECT setval('tickets_id_seq', 2000000000)",
        "CREATE SEQUENCE legacy_seq",
        "CREATE TABLE legacy (id int PRIMARY KEY DEFAULT nextval('legacy_seq'))",
        "ALTER SEQUENCE legacy_seq OWNED BY legacy.id",
        "SELECT setval('legacy_seq', 1700000000)",
        "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY)",
        "INSERT INTO orders DEFAULT VALUES");
    // A large table read only by sequential scans, and one read by its primary key.
    executeAndFlushStats(db,
        "CREATE TABLE scanned (id bigint PRIMARY KEY, v int NOT NULL)",
        "INSERT INTO scanned SELECT g, g % 1000 FROM generate_series(1, 20000) g");
    executeAndFlushStats(db, "ANALYZE scanned");
    StringBuilder scans = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      scans.append("SELECT count(*) FROM scanned WHERE v = ").append(i).append(";");
      scans.append("SELECT v FROM settled WHERE id = ").append(i + 1).append(";");
    }
    executeAndFlushStats(db, scans.toString());
    results = HealthProbe.run(db);
  }

  @Test
  void largeTableReadBySequentialScansHasLowIndexUsage() {
    assertThat(findings(results, "low-index-usage", "public.scanned")).singleElement().satisfies(f -> {
      assertThat(f.evidence().get(0).value()).isLessThan(0.05);
      assertThat(f.impact().millisPerHour()).isPositive();
    });
    assertThat(findings(results, "low-index-usage", "public.settled")).isEmpty();
  }

  @Test
  void tableChangedAfterAnalyzeHasStaleStatistics() {
    assertThat(findings(results, "stale-statistics", "public.events")).singleElement().satisfies(f -> {
      assertThat(f.fix().sql()).startsWith("ANALYZE public.events;")
          .contains("ALTER TABLE public.events RESET (autovacuum_enabled);");
      assertThat(f.evidence()).anySatisfy(e -> {
        assertThat(e.name()).isEqualTo("modified_rows_since_analyze");
        assertThat(e.value()).isEqualTo(6000);
      });
    });
    assertThat(findings(results, "stale-statistics", "public.settled")).isEmpty();
  }

  @Test
  void autovacuumDisabledIsVacuumOverdue() {
    assertThat(findings(results, "vacuum-overdue", "public.events")).singleElement()
        .satisfies(f -> assertThat(f.fix().sql()).startsWith("VACUUM (ANALYZE, VERBOSE) public.events;"));
    assertThat(findings(results, "vacuum-overdue", "public.settled")).isEmpty();
  }

  @Test
  void mostlyDeletedTableAndIndexAreBloated() {
    assertThat(findings(results, "table-bloat", "public.bloated")).singleElement().satisfies(f -> {
      assertThat(f.fix().sql()).isEqualTo("VACUUM (FULL, ANALYZE, VERBOSE) public.bloated;");
      assertThat(f.evidence().get(0).value()).isBetween(0.8, 0.95);
    });
    assertThat(findings(results, "index-bloat", "public.bloated_code_idx")).singleElement()
        .satisfies(f -> assertThat(f.fix().sql()).isEqualTo("REINDEX INDEX CONCURRENTLY public.bloated_code_idx;"));
    assertThat(findings(results, "table-bloat", "public.settled")).isEmpty();
    assertThat(findings(results, "index-bloat", "public.settled_pkey")).isEmpty();
  }

  @Test
  void exactBloatIsMeasuredWithPgstattupleWhenAsked(TestDatabase db) throws Exception {
    execute(db, "CREATE EXTENSION IF NOT EXISTS pgstattuple");
    DiagnosisResults exact = HealthProbe.runWithExactBloat(db);
    assertThat(exact.skipped()).isEmpty();
    assertThat(findings(exact, "table-bloat", "public.bloated")).singleElement().satisfies(f -> {
      assertThat(f.detail()).startsWith("Measured with pgstattuple");
      assertThat(f.evidence().get(0).value()).isBetween(0.8, 0.95);
    });
    assertThat(findings(exact, "index-bloat", "public.bloated_code_idx")).singleElement()
        .satisfies(f -> assertThat(f.fix().sql()).isEqualTo("REINDEX INDEX CONCURRENTLY public.bloated_code_idx;"));
    assertThat(findings(exact, "table-bloat", "public.settled")).isEmpty();
  }

  @Test
  void nearlyExhaustedSequencesNameTheirColumn() {
    Finding serial = findings(results, "sequence-exhaustion", "public.tickets(id)").get(0);
    assertThat(serial.severity()).isEqualTo(Severity.HIGH);
    assertThat(serial.fix().sql()).isEqualTo(
        "ALTER TABLE public.tickets ALTER COLUMN id TYPE bigint;\nALTER SEQUENCE public.tickets_id_seq AS bigint;");
    // A bigint sequence feeding an integer column runs out at the column's limit.
    assertThat(findings(results, "sequence-exhaustion", "public.legacy(id)")).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
    assertThat(findings(results, "sequence-exhaustion", "public.orders(id)")).isEmpty();
  }

  @Test
  void wraparoundCheckRunsAndStaysSilentOnAYoungCluster(TestDatabase db) throws Exception {
    assertThat(findings(results, "xid-wraparound-risk")).isEmpty();
    DiagnosisResults everything = HealthProbe.run(db, Map.of("xid-wraparound-fraction", "0"));
    assertThat(findings(everything, "xid-wraparound-risk", db.name())).singleElement()
        .satisfies(f -> assertThat(f.subject().kind().label()).isEqualTo("database"));
  }
}

package io.querydoctor.postgres.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.digest.DigestThresholds;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.demo.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real auto_explain log in the default text format (log_analyze on, buffers on), written by the embedded
 * server: its plans are analyzed like JSON ones. The log is kept in {@code target/auto-explain-text/};
 * {@code -Dqd.recordPlans=true} refreshes the fixture {@code logs/pg-stderr/auto-explain-text.log} that
 * {@link LogWorkloadTest} reads.
 */
class AutoExplainTextLogIT {

  static final String SORT_SQL = "SELECT id, payload FROM event WHERE kind < 900 ORDER BY payload";
  static final String SEQ_SCAN_SQL = "SELECT id FROM event WHERE payload = 'nope'";
  static final String INIT_PLAN_SQL =
      "SELECT count(*) FROM event WHERE kind = (SELECT max(kind) FROM event WHERE id < 100)";

  @Test
  void textPlansInARealLogBecomePlanFindings() throws Exception {
    Path log;
    try (EmbeddedServer server = EmbeddedServer.start(Files.createTempDirectory("querydoctor-pg-textlog-"),
        Map.of("logging_collector", "on", "log_directory", "log", "log_filename", "postgresql.log",
            "log_timezone", "UTC"))) {
      String database = server.createDatabase("logged");
      try (Connection c = server.connect(database); Statement s = c.createStatement()) {
        s.execute("ALTER SYSTEM SET log_line_prefix = '%m [%p] %q%u@%d '");
        s.execute("ALTER SYSTEM SET log_min_duration_statement = 0");
        s.execute("ALTER SYSTEM SET auto_explain.log_min_duration = 0");
        s.execute("ALTER SYSTEM SET auto_explain.log_analyze = on");
        s.execute("ALTER SYSTEM SET auto_explain.log_buffers = on");
        s.execute("ALTER SYSTEM SET auto_explain.log_format = 'text'");
        s.execute("SELECT pg_reload_conf()");
      }
      Thread.sleep(300);
      try (Connection c = server.connect(database); Statement s = c.createStatement()) {
        s.execute("SET max_parallel_workers_per_gather = 0");
        s.execute("CREATE TABLE event (id int PRIMARY KEY, kind int, payload text)");
        s.execute("INSERT INTO event SELECT g, g % 1000, md5(g::text) FROM generate_series(1, 60000) g");
        s.execute("ANALYZE event");
        s.execute("SET work_mem = '64kB'");
        s.execute(SORT_SQL);
        s.execute("RESET work_mem");
        s.execute(SEQ_SCAN_SQL);
        s.execute(INIT_PLAN_SQL + " AND payload <> 'last'");
      }
      log = server.dataDirectory().resolve("log").resolve("postgresql.log");
      // The collector writes asynchronously: wait until the last statement is in the file.
      for (int i = 0; i < 100 && !Files.readString(log).contains("'last'::text"); i++) {
        Thread.sleep(50);
      }
      Path kept = Files.createDirectories(Path.of("target", "auto-explain-text")).resolve("postgresql.log");
      Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
      log = kept;
    }
    if (Boolean.getBoolean("qd.recordPlans")) {
      Files.copy(log, Path.of("src/test/resources/logs/pg-stderr/auto-explain-text.log"),
          StandardCopyOption.REPLACE_EXISTING);
    }

    LogWorkload workload = LogWorkload.read(List.of(log), null, null, ProgressListener.NONE);
    List<Finding> findings = workload.findings(DigestThresholds.DEFAULTS);

    String sortId = SqlFingerprinter.of(SqlDialect.POSTGRESQL).fingerprint(SORT_SQL).id();
    assertThat(findings).filteredOn(f -> f.ruleId().equals("sort-spill")).singleElement()
        .satisfies(f -> assertThat(f.subject() + " " + f.concerns()).contains(sortId));
    assertThat(findings).extracting(Finding::ruleId).contains("seq-scan-large-table");
    assertThat(workload.skipped()).isEmpty();
  }
}

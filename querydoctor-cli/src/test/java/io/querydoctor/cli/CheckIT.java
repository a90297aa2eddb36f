package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EmbeddedPostgresExtension.class)
class CheckIT {

  @Test
  void checkReportsHealthFindingsWithPasteableFixes(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE items (id bigint PRIMARY KEY, sku text NOT NULL)");
      s.execute("CREATE INDEX items_sku_a ON items (sku)");
      s.execute("CREATE INDEX items_sku_b ON items (sku)");
    }
    CliRun run = CliRun.of("check", "--url", db.jdbcUrl(), "--user", db.user(), "--format", "json", "-q");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    JsonNode findings = new ObjectMapper().readTree(run.out()).get("findings");
    List<String> fixes = new ArrayList<>();
    findings.forEach(f -> {
      if (f.get("ruleId").asText().equals("duplicate-index")) {
        fixes.add(f.get("fix").get("sql").asText());
      }
    });
    assertThat(fixes).containsExactly("DROP INDEX CONCURRENTLY public.items_sku_b;");
  }

  @Test
  void thresholdsComeFromAFileAndSingleOverrides(TestDatabase db, @TempDir Path dir) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS wide (id bigint PRIMARY KEY, a int, b int, c int)");
      s.execute("CREATE INDEX IF NOT EXISTS wide_a ON wide (a)");
      s.execute("CREATE INDEX IF NOT EXISTS wide_b ON wide (b)");
      s.execute("CREATE INDEX IF NOT EXISTS wide_c ON wide (c)");
    }
    Path file = dir.resolve("thresholds.properties");
    Files.writeString(file, "over-indexed-max-indexes = 2\n");
    CliRun strict = CliRun.of("check", "--url", db.jdbcUrl(), "--user", db.user(), "--thresholds", file.toString(),
        "--format", "json", "-q");
    assertThat(strict.out()).contains("\"over-indexed-table\"");
    CliRun overridden = CliRun.of("check", "--url", db.jdbcUrl(), "--user", db.user(), "--thresholds",
        file.toString(), "--threshold", "over-indexed-max-indexes=10", "--format", "json", "-q");
    assertThat(overridden.out()).doesNotContain("\"over-indexed-table\"");
  }

  @Test
  void badThresholdIsAOneLineUsageError(TestDatabase db, @TempDir Path dir) {
    CliRun run = CliRun.of("check", "--url", db.jdbcUrl(), "--user", db.user(), "--threshold", "lock-wait=soon", "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine())
        .isEqualTo("querydoctor: bad value 'soon' for health threshold 'lock-wait' (expected e.g. 500ms, 30s, 5m, 2h, 7d)");
    CliRun missing = CliRun.of("check", "--url", db.jdbcUrl(), "--thresholds", dir.resolve("nope").toString(), "-q");
    assertThat(missing.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(missing.errorLine()).startsWith("querydoctor: cannot read thresholds file ").endsWith("no such file");
    assertThat(missing.err()).doesNotContain("\tat ");
  }

  @Test
  void exactBloatWithoutPgstattupleIsASkippedCheckNotAnError(TestDatabase db) throws Exception {
    CliRun run = CliRun.of("check", "--url", db.jdbcUrl(), "--user", db.user(), "--exact-bloat", "--format", "json",
        "-q");
    assertThat(run.exitCode()).as(run.err()).isIn(ExitCode.CLEAN, ExitCode.FINDINGS);
    JsonNode skipped = new ObjectMapper().readTree(run.out()).get("skipped");
    assertThat(skipped.toString()).contains("maintenance.exact-bloat").contains("CREATE EXTENSION pgstattuple");
  }

  @Test
  void diagnoseIncludesTheHealthChecks(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS no_key (v int)");
    }
    CliRun run = CliRun.of("diagnose", "--url", db.jdbcUrl(), "--user", db.user(), "--format", "json", "-q");
    assertThat(run.out()).contains("\"missing-primary-key\"").contains("public.no_key");
  }
}

package io.querydoctor.postgres.health.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Severity;
import io.querydoctor.postgres.health.HealthThresholds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Thresholds and fixes of the database-wide rules, over rows built here. */
class DatabaseRulesTest {

  private static final HealthThresholds DEFAULTS = HealthThresholds.defaults();
  private static final long MB = 1024 * 1024;

  @Test
  void cacheRatioNeedsEnoughTrafficBeforeItMeansAnything() {
    var rule = new LowCacheHitRatioRule(DEFAULTS);
    assertThat(rule.evaluate(List.of(new CacheHitCheck.Row("app", 500, 500, 0, 0, "128MB")))).isEmpty();
    assertThat(rule.evaluate(List.of(new CacheHitCheck.Row("app", 995_000, 5_000, 99_000, 1_000, "128MB"))))
        .as("99.5 % and 99.0 %").isEmpty();
    assertThat(rule.evaluate(List.of(new CacheHitCheck.Row("app", 995_000, 5_000, 90_000, 10_000, "128MB"))))
        .singleElement().satisfies(f -> {
          assertThat(f.title()).startsWith("Indexes in app are served from shared buffers only 90.0 %");
          assertThat(f.evidence()).extracting(e -> e.name())
              .containsExactly("table_cache_hit_ratio", "index_cache_hit_ratio", "table_blocks_read", "index_blocks_read");
        });
  }

  @Test
  void tempSpillSuggestsAWorkMemCoveringTheAverageSpillCapped() {
    var rule = new TempFileSpillRule(DEFAULTS);
    assertThat(rule.evaluate(List.of(new DatabaseActivityCheck.Row("app", 1, 0, 10, 99 * MB, 4096, 3600)))).isEmpty();
    assertThat(rule.evaluate(List.of(new DatabaseActivityCheck.Row("app", 1, 0, 20, 200 * MB, 4096, 3600))))
        .singleElement().satisfies(f -> assertThat(f.fix().sql()).endsWith("SET work_mem = '16MB';"));
    assertThat(rule.evaluate(List.of(new DatabaseActivityCheck.Row("app", 1, 0, 2, 4096 * MB, 4096, 3600))))
        .singleElement().satisfies(f -> assertThat(f.fix().sql()).endsWith("SET work_mem = '256MB';"));
  }

  @Test
  void rollbackRatioNeedsEnoughTransactions() {
    var rule = new HighRollbackRatioRule(DEFAULTS);
    assertThat(rule.evaluate(List.of(new DatabaseActivityCheck.Row("app", 900, 100, 0, 0, 4096, 60)))).isEmpty();
    assertThat(rule.evaluate(List.of(new DatabaseActivityCheck.Row("app", 96_000, 4_000, 0, 0, 4096, 60)))).isEmpty();
    assertThat(rule.evaluate(List.of(new DatabaseActivityCheck.Row("app", 94_000, 6_000, 0, 0, 4096, 60))))
        .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
  }

  @Test
  void missingPreloadNeedsARestartAndKeepsTheOtherLibraries() {
    var rule = new PgStatStatementsMissingRule();
    assertThat(rule.evaluate(List.of(new StatementStatisticsCheck.Row("app", false, "auto_explain"))))
        .singleElement().satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.INFO);
          assertThat(f.subject().name()).isEqualTo("shared_preload_libraries");
          assertThat(f.fix().sql()).startsWith(
              "ALTER SYSTEM SET shared_preload_libraries = 'auto_explain,pg_stat_statements';  -- then restart");
        });
    assertThat(rule.evaluate(List.of(new StatementStatisticsCheck.Row("app", true, "pg_stat_statements")))).isEmpty();
    assertThat(rule.evaluate(List.of(new StatementStatisticsCheck.Row("app", true, null))))
        .as("installed and preload unknown: give the benefit of the doubt").isEmpty();
  }
}

package io.querydoctor.iceberg.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeRewriteTest {

  @Test
  void theRunbooksDateFormatFilterBecomesARange() {
    assertThat(RangeRewrite.rewrite("SELECT * FROM events WHERE date_format(timestamp, 'yyyy-MM-dd') = '2024-01-15'"))
        .contains("SELECT * FROM events WHERE timestamp >= '2024-01-15' AND timestamp < '2024-01-16'");
  }

  @Test
  void monthYearAndDateFunctionsToo() {
    assertThat(RangeRewrite.rewrite("SELECT 1 FROM t WHERE DATE_FORMAT(ts, 'yyyy-MM') = '2024-12' AND x = 1"))
        .contains("SELECT 1 FROM t WHERE ts >= '2024-12-01' AND ts < '2025-01-01' AND x = 1");
    assertThat(RangeRewrite.rewrite("SELECT 1 FROM t WHERE date_format(ts, 'yyyy') = '2024'"))
        .contains("SELECT 1 FROM t WHERE ts >= '2024-01-01' AND ts < '2025-01-01'");
    assertThat(RangeRewrite.rewrite("SELECT 1 FROM t WHERE to_date(ts) = '2024-02-29'"))
        .contains("SELECT 1 FROM t WHERE ts >= '2024-02-29' AND ts < '2024-03-01'");
    assertThat(RangeRewrite.rewrite("SELECT 1 FROM t WHERE CAST(ts AS DATE) = DATE '2024-01-31'"))
        .contains("SELECT 1 FROM t WHERE ts >= '2024-01-31' AND ts < '2024-02-01'");
    assertThat(RangeRewrite.rewrite("SELECT 1 FROM t WHERE date_trunc('day', ts) = '2024-01-31'"))
        .contains("SELECT 1 FROM t WHERE ts >= '2024-01-31' AND ts < '2024-02-01'");
  }

  @Test
  void unknownPatternsAndValuesAreLeftAlone() {
    assertThat(RangeRewrite.rewrite("SELECT 1 FROM t WHERE date_format(ts, 'HH') = '10'")).isEmpty();
    assertThat(RangeRewrite.rewrite("SELECT 1 FROM t WHERE date_format(ts, 'yyyy-MM-dd') = 'soon'")).isEmpty();
    assertThat(RangeRewrite.rewrite("SELECT 1 FROM t WHERE lower(name) = 'x'")).isEmpty();
  }
}

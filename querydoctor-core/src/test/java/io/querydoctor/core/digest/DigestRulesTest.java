package io.querydoctor.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.sql.SqlDialect;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestRulesTest {

  private static final Instant T0 = Instant.parse("2026-11-21T06:00:00Z");

  /** {@code calls} executions of {@code sql}, one per second, each taking {@code millis}. */
  private static void run(DigestBuilder builder, String sql, int calls, double millis) {
    for (int i = 0; i < calls; i++) {
      builder.add(LogStatement.of(T0.plusSeconds(i), millis, sql));
    }
  }

  private static WorkloadDigest digest(double lookupMillis, int lookupCalls, String extraSql) {
    DigestBuilder builder = new DigestBuilder(SqlDialect.POSTGRESQL);
    run(builder, "SELECT * FROM orders WHERE id = 1", lookupCalls, lookupMillis);
    run(builder, "SELECT * FROM customers WHERE id = 1", 50, 0.5);
    run(builder, extraSql, 20, 2);
    return builder.build("test", ParseSummary.EMPTY);
  }

  private static DigestFile roundTrip(WorkloadDigest digest) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DigestFile.save(digest, T0, out);
    return DigestFile.load(new ByteArrayInputStream(out.toByteArray()), "baseline.json");
  }

  @Test
  void slowQueryFiresOnAP95AtOrAboveTheThreshold() {
    List<Finding> findings = new SlowQueryRule(DigestThresholds.DEFAULTS).findings(digest(150, 30, "SELECT 1"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("slow-query");
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.evidence().get(0).name()).isEqualTo("p95_time");
      assertThat(f.evidence().get(0).value()).isEqualTo(150);
      assertThat(f.impact().millisPerHour()).isPositive();
    });
  }

  /** Regression (#24): findings were titled by fingerprint only, and a one-off COPY was a "slow query". */
  @Test
  void slowQueryNamesTheStatementAndLeavesMaintenanceAlone() {
    DigestBuilder builder = new DigestBuilder(SqlDialect.POSTGRESQL);
    run(builder, "SELECT * FROM orders WHERE id = 1", 30, 150);
    run(builder, "COPY orders FROM STDIN", 1, 9_000);
    run(builder, "CREATE INDEX orders_total_idx ON orders (total)", 1, 4_000);
    run(builder, "ANALYZE orders", 1, 800);
    List<Finding> findings = new SlowQueryRule(DigestThresholds.DEFAULTS)
        .findings(builder.build("test", ParseSummary.EMPTY));
    assertThat(findings).singleElement().satisfies(f ->
        assertThat(f.title()).contains("over 30 calls").endsWith("SELECT * FROM orders WHERE id = ?"));
  }

  @Test
  void slowQueryStaysSilentBelowTheThreshold() {
    assertThat(new SlowQueryRule(DigestThresholds.DEFAULTS).findings(digest(99, 30, "SELECT 1"))).isEmpty();
  }

  @Test
  void slowQueryUsesTheMeanWhenTheSourceHasNoDistribution() {
    DigestBuilder builder = new DigestBuilder(SqlDialect.POSTGRESQL);
    builder.add(new AggregateStatement("SELECT * FROM t WHERE a = $1", 10, 2_000, 5, 900, 10, "db", "u"));

    List<Finding> findings = new SlowQueryRule(DigestThresholds.DEFAULTS)
        .findings(builder.build("pgss", ParseSummary.EMPTY));

    assertThat(findings).singleElement().satisfies(f -> assertThat(f.evidence().get(0).name()).isEqualTo("mean_time"));
  }

  @Test
  void latencyRegressionFiresWhenP95DoublesWithEnoughCalls() throws IOException {
    DigestFile baseline = roundTrip(digest(10, 30, "SELECT 1"));

    BaselineChanges changes = new BaselineComparison(DigestThresholds.DEFAULTS)
        .compare(digest(25, 30, "SELECT 1"), baseline, "baseline.json");

    assertThat(changes.regressions()).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("latency-regression");
      assertThat(f.title()).contains("p95").contains("2.5×");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.impact().millisPerHour()).isPositive();
    });
    assertThat(changes.newShapes()).isZero();
    assertThat(changes.vanishedShapes()).isZero();
  }

  @Test
  void latencyRegressionStaysSilentBelowTheFactorOrWithTooFewCalls() throws IOException {
    DigestFile baseline = roundTrip(digest(10, 30, "SELECT 1"));
    BaselineComparison comparison = new BaselineComparison(DigestThresholds.DEFAULTS);

    assertThat(comparison.compare(digest(19, 30, "SELECT 1"), baseline, "b").regressions()).isEmpty();
    assertThat(comparison.compare(digest(50, 5, "SELECT 1"), baseline, "b").regressions()).isEmpty();
  }

  @Test
  void latencyRegressionIgnoresSubMillisecondNoise() throws IOException {
    DigestFile baseline = roundTrip(digest(0.02, 30, "SELECT 1"));

    assertThat(new BaselineComparison(DigestThresholds.DEFAULTS).compare(digest(0.06, 30, "SELECT 1"), baseline, "b")
        .regressions()).isEmpty();
  }

  @Test
  void listsNewAndVanishedShapes() throws IOException {
    DigestFile baseline = roundTrip(digest(10, 30, "SELECT * FROM old_table"));

    BaselineChanges changes = new BaselineComparison(DigestThresholds.DEFAULTS)
        .compare(digest(10, 30, "SELECT * FROM new_table"), baseline, "b");

    assertThat(changes.newShapes()).isEqualTo(1);
    assertThat(changes.topNew()).extracting(ShapeChange::example).containsExactly("SELECT * FROM new_table");
    assertThat(changes.vanishedShapes()).isEqualTo(1);
    assertThat(changes.topVanished()).extracting(ShapeChange::example).containsExactly("SELECT * FROM old_table");
  }

  @Test
  void savedDigestKeepsEveryFieldAndIsVersioned() throws IOException {
    WorkloadDigest digest = digest(10, 30, "SELECT 1");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DigestFile.save(digest, T0, out);

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"format\" : \"querydoctor-digest\"")
        .contains("\"version\" : 1");
    DigestFile loaded = DigestFile.load(new ByteArrayInputStream(out.toByteArray()), "x");
    assertThat(loaded.digest()).isEqualTo(digest);
  }

  @Test
  void refusesAFileThatIsNotADigestInOneLine() {
    ByteArrayInputStream report = new ByteArrayInputStream("{\"schemaVersion\": 1}".getBytes(StandardCharsets.UTF_8));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DigestFile.load(report, "report.json"))
        .isInstanceOf(IOException.class).hasMessage("report.json is not a saved digest (expected \"format\": "
            + "\"querydoctor-digest\")");
  }
}

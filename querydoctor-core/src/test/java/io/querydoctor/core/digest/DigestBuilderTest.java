package io.querydoctor.core.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.querydoctor.core.sql.SqlDialect;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DigestBuilderTest {

  private static final Instant T0 = Instant.parse("2026-11-21T06:00:00Z");

  private static LogStatement at(int second, double millis, String sql) {
    return new LogStatement(T0.plusSeconds(second), millis, sql, "shop", "app", "web", "10.0.0.1", 1, -1, -1);
  }

  @Test
  void groupsByTheCaptureFingerprintAndComputesTimesAndPercentiles() {
    DigestBuilder builder = new DigestBuilder(SqlDialect.POSTGRESQL);
    for (int i = 1; i <= 100; i++) {
      builder.add(at(i, i, "SELECT * FROM posts WHERE id = " + i));
    }
    builder.add(at(200, 5, "SELECT * FROM users WHERE id IN (1, 2, 3)"));
    builder.add(at(201, 7, "select * from users where id in ($1, $2)"));

    WorkloadDigest digest = builder.build("test", ParseSummary.EMPTY);

    assertThat(digest.statements()).isEqualTo(102);
    assertThat(digest.shapes()).hasSize(2);
    ShapeDigest posts = digest.shapes().get(0);
    assertThat(posts.calls()).isEqualTo(100);
    assertThat(posts.totalMillis()).isEqualTo(5050);
    assertThat(posts.meanMillis()).isEqualTo(50.5);
    assertThat(posts.minMillis()).isEqualTo(1);
    assertThat(posts.maxMillis()).isEqualTo(100);
    assertThat(posts.p50Millis()).isCloseTo(50, within(0.5));
    assertThat(posts.p95Millis()).isCloseTo(95, within(1.0));
    assertThat(posts.p99Millis()).isCloseTo(99, within(1.0));
    assertThat(posts.example()).doesNotContain("42").contains("?");
    assertThat(posts.rowsSent()).isEqualTo(100);
    assertThat(posts.rowsExamined()).isNull();
    assertThat(posts.firstSeen()).isEqualTo(T0.plusSeconds(1));
    assertThat(posts.lastSeen()).isEqualTo(T0.plusSeconds(100));
    assertThat(posts.databases()).containsEntry("shop", 100L);
    assertThat(posts.applications()).containsEntry("web", 100L);
    // IN lists of any length and bind-marker styles share a shape, as in the capture layer.
    assertThat(digest.shapes().get(1).calls()).isEqualTo(2);
  }

  @Test
  void buildsAPerMinuteSeries() {
    DigestBuilder builder = new DigestBuilder(SqlDialect.POSTGRESQL);
    builder.add(at(0, 1, "SELECT 1"));
    builder.add(at(30, 2, "SELECT 1"));
    builder.add(at(150, 4, "SELECT 1"));

    Series series = builder.build("test", ParseSummary.EMPTY).shapes().get(0).series();

    assertThat(series.bucketMinutes()).isEqualTo(1);
    assertThat(series.points()).containsExactly(new Series.Point(T0, 2, 3), new Series.Point(T0.plusSeconds(120), 1, 4));
  }

  @Test
  void coarsensTheSeriesInsteadOfGrowingPastItsBudget() {
    DigestBuilder builder = new DigestBuilder(SqlDialect.POSTGRESQL);
    for (int minute = 0; minute < 600; minute++) {
      builder.add(at(minute * 60, 1, "SELECT 1"));
    }

    WorkloadDigest digest = builder.build("test", ParseSummary.EMPTY);
    Series shape = digest.shapes().get(0).series();

    assertThat(shape.points().size()).isLessThanOrEqualTo(60);
    assertThat(shape.bucketMinutes()).isEqualTo(16);
    assertThat(shape.points().stream().mapToLong(Series.Point::calls).sum()).isEqualTo(600);
    assertThat(digest.series().bucketMinutes()).isEqualTo(1);
    assertThat(digest.series().points()).hasSize(600);
  }

  @Test
  void foldsTheLightTailIntoOtherWithHonestTotals() {
    DigestBuilder builder = new DigestBuilder(SqlDialect.POSTGRESQL, 10);
    builder.add(at(0, 10_000, "SELECT heavy FROM big"));
    for (int i = 0; i < 1_000; i++) {
      builder.add(at(i, 1, "SELECT c" + i + " FROM t"));
    }
    builder.add(at(2000, 10_000, "SELECT heavy FROM big"));

    WorkloadDigest digest = builder.build("test", ParseSummary.EMPTY);

    assertThat(digest.shapes().size()).isLessThanOrEqualTo(10);
    ShapeDigest heavy = digest.shapes().get(0);
    assertThat(heavy.example()).isEqualTo("SELECT heavy FROM big");
    assertThat(heavy.calls()).isEqualTo(2);
    assertThat(heavy.partial()).isFalse();
    assertThat(digest.other()).isNotNull();
    long calls = digest.other().calls() + digest.shapes().stream().mapToLong(ShapeDigest::calls).sum();
    double total = digest.other().totalMillis()
        + digest.shapes().stream().mapToDouble(ShapeDigest::totalMillis).sum();
    assertThat(calls).isEqualTo(1_002).isEqualTo(digest.statements());
    assertThat(total).isEqualTo(21_000).isEqualTo(digest.totalMillis());
    assertThat(digest.other().p95Millis()).isEqualTo(1.0);
  }

  @Test
  void marksAShapeThatReturnsAfterBeingFoldedAsPartial() {
    DigestBuilder builder = new DigestBuilder(SqlDialect.POSTGRESQL, 4);
    builder.add(at(0, 1, "SELECT early FROM t"));
    for (int i = 0; i < 10; i++) {
      builder.add(at(i, 100, "SELECT c" + i + " FROM t"));
    }
    builder.add(at(100, 1_000, "SELECT early FROM t"));

    WorkloadDigest digest = builder.build("test", ParseSummary.EMPTY);

    ShapeDigest early = digest.shapes().stream().filter(s -> s.example().contains("early")).findFirst().orElseThrow();
    assertThat(early.partial()).isTrue();
    assertThat(early.calls()).isEqualTo(1);
  }

  @Test
  void aggregatesHaveExactMeansButNoPercentiles() {
    DigestBuilder builder = new DigestBuilder(SqlDialect.POSTGRESQL);
    builder.add(new AggregateStatement("SELECT * FROM t WHERE id = $1", 10, 50, 1, 20, 10, "shop", "app"));
    builder.add(new AggregateStatement("SELECT * FROM t WHERE id = $1", 0, 0, 0, 0, 0, "shop", "app"));

    ShapeDigest shape = builder.build("pgss", ParseSummary.EMPTY).shapes().get(0);

    assertThat(shape.calls()).isEqualTo(10);
    assertThat(shape.meanMillis()).isEqualTo(5);
    assertThat(shape.p95Millis()).isNull();
    assertThat(shape.p95OrMeanMillis()).isEqualTo(5);
  }

  @Test
  void topKeepsNShapesAndFoldsTheRestSoTotalsStillAddUp() {
    DigestBuilder builder = new DigestBuilder(SqlDialect.POSTGRESQL);
    builder.add(at(0, 100, "SELECT a FROM t"));
    builder.add(at(0, 50, "SELECT b FROM t"));
    builder.add(at(0, 1, "SELECT c FROM t"));
    builder.add(at(1, 1, "SELECT c FROM t"));

    WorkloadDigest top = builder.build("test", ParseSummary.EMPTY).top(1, DigestSort.CALLS);

    assertThat(top.shapes()).extracting(ShapeDigest::example).containsExactly("SELECT c FROM t");
    assertThat(top.other().calls()).isEqualTo(2);
    assertThat(top.other().totalMillis()).isEqualTo(150);
    assertThat(top.otherShapes()).isEqualTo(2);
  }

  @Test
  void mergingBuildersOfTwoHalvesGivesTheDigestOfTheWhole() {
    DigestBuilder whole = new DigestBuilder(SqlDialect.POSTGRESQL);
    DigestBuilder first = new DigestBuilder(SqlDialect.POSTGRESQL);
    DigestBuilder second = new DigestBuilder(SqlDialect.POSTGRESQL);
    for (int i = 0; i < 200; i++) {
      LogStatement s = at(i, i % 17 + 0.5, i % 3 == 0 ? "SELECT a FROM t WHERE id = " + i : "UPDATE t SET b = " + i);
      whole.add(s);
      (i < 100 ? first : second).add(s);
    }

    first.absorb(second);

    assertThat(first.build("x", ParseSummary.EMPTY)).isEqualTo(whole.build("x", ParseSummary.EMPTY));
  }

  @Test
  void mergingKeepsTheMemoryBoundAndTheTotals() {
    DigestBuilder first = new DigestBuilder(SqlDialect.POSTGRESQL, 6);
    DigestBuilder second = new DigestBuilder(SqlDialect.POSTGRESQL, 6);
    for (int i = 0; i < 6; i++) {
      first.add(at(i, 10 + i, "SELECT a" + i + " FROM t"));
      second.add(at(i, 20 + i, "SELECT b" + i + " FROM t"));
    }

    first.absorb(second);
    WorkloadDigest merged = first.build("x", ParseSummary.EMPTY);

    assertThat(merged.shapes().size()).isLessThanOrEqualTo(6);
    assertThat(merged.shapes().get(0).example()).isEqualTo("SELECT b5 FROM t");
    assertThat(merged.statements()).isEqualTo(12);
    assertThat(merged.other().calls() + merged.shapes().stream().mapToLong(ShapeDigest::calls).sum()).isEqualTo(12);
  }
}

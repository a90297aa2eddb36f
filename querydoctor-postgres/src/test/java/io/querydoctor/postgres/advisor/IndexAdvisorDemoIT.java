package io.querydoctor.postgres.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.advisor.IndexAdvice.ChosenIndex;
import io.querydoctor.core.advisor.IndexAdvice.QueryEffect;
import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.demo.data.DemoDatabase;
import io.querydoctor.demo.data.DemoScale;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.demo.workload.DemoQueries;
import io.querydoctor.demo.workload.DemoWorkload;
import io.querydoctor.demo.workload.ScopeRunner;
import io.querydoctor.postgres.PgTarget;
import io.querydoctor.postgres.connect.SafeExecutor;
import io.querydoctor.postgres.connect.SandboxExecutor;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The advisor on the demo database at default scale, with the demo's workload in pg_stat_statements: it must
 * find the planted missing indexes, stay silent on the healthy control queries, and finish in under 30 s.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class IndexAdvisorDemoIT {

  private static final SqlFingerprinter FINGERPRINTS = SqlFingerprinter.of(SqlDialect.POSTGRESQL);
  private static AdvisorResult result;
  private static long adviseMillis;

  @BeforeAll
  static void buildRunAndAdvise(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      new DemoDatabase(DemoScale.DEFAULT, ProgressListener.NONE).build(c);
    }
    new DemoWorkload(db::connect, ScopeRunner.NONE, ProgressListener.NONE, DemoScale.DEFAULT, 1).run();
    try (Connection c = db.connect()) {
      long start = System.nanoTime();
      SandboxExecutor sandbox = new SandboxExecutor(c, Duration.ofSeconds(60), Duration.ofSeconds(2));
      result = IndexAdvisor.withDefaults().advise(new SafeExecutor(c), new SandboxWhatIf(sandbox), List.of());
      adviseMillis = (System.nanoTime() - start) / 1_000_000;
    }
    System.err.println("advise on the demo database at scale 1: " + adviseMillis + " ms, " + result.statements()
        + " statements; chosen " + result.advice().chosen().stream().map(ChosenIndex::index).toList()
        + "; rejected " + result.advice().rejected());
  }

  private static String fingerprint(String sql) {
    return FINGERPRINTS.fingerprint(sql).id();
  }

  @Test
  void findsAnIndexLeadingWithPostsUserIdThatServesTheNPlusOneQuery() {
    Finding finding = result.findings().stream()
        .filter(f -> f.allSubjects().contains(Subject.columns("public.posts", "user_id")))
        .findFirst().orElseThrow(() -> new AssertionError("no finding about posts(user_id): " + result.findings()));
    assertThat(finding.ruleId()).isEqualTo("missing-index");
    assertThat(finding.concerns()).contains(Subject.fingerprint(fingerprint(DemoQueries.POSTS_OF_USER)));
    assertThat(finding.fix().sql()).startsWith("CREATE INDEX CONCURRENTLY posts_user_id");
    assertThat(finding.verification().after()).isLessThan(finding.verification().before() * 0.8);
  }

  /**
   * At scale 1 an author has 5 posts: the user_id index alone takes the time-range query from a Seq Scan to a
   * few rows, and the planner prices the (user_id, created_at) composite only a few per cent cheaper than that:
   * a fraction of a per cent of the workload, below what the search takes (0.3 %), and far below the 20 % a
   * proposed index must earn next to its prefix. The composite is weighed (and chosen when the range is what
   * narrows the rows: see {@code CandidateRulesIT#orderingPutsTheEqualityColumnBeforeTheRange}).
   */
  @Test
  void timeRangeQueryIsServedByTheUserIdIndexAndTheCompositeIsWeighedAgainstIt() {
    ChosenIndex userId = result.advice().chosen().stream()
        .filter(c -> c.index().keys().get(0).expression().equals("user_id") && c.index().table().equals("posts"))
        .findFirst().orElseThrow(() -> new AssertionError("no posts (user_id …): " + result.advice().chosen()));
    assertThat(userId.effects()).extracting(e -> e.query().fingerprint())
        .contains(fingerprint(DemoQueries.RECENT_POSTS_OF_USER), fingerprint(DemoQueries.POSTS_OF_USER));
    assertThat(userId.effects()).allSatisfy(e -> assertThat(e.costAfter()).isLessThan(e.costBefore() * 0.1));
    assertThat(result.advice().rejected()).filteredOn(r -> r.index().definition().equals("posts (user_id, created_at)"))
        .singleElement().satisfies(r -> assertThat(r.reason())
            .matches("saves \\d+ %, needs 20 %|saves [\\d.]+ % of the workload's cost, needs 0\\.3 %"));
  }

  @Test
  void proposesNothingForTheHealthyControlQueries() {
    Set<String> healthy = DemoQueries.HEALTHY.stream().map(IndexAdvisorDemoIT::fingerprint).collect(Collectors.toSet());
    List<String> helped = result.advice().chosen().stream().flatMap(c -> c.effects().stream())
        .map(QueryEffect::query).map(q -> q.fingerprint()).toList();
    assertThat(helped).doesNotContainAnyElementsOf(healthy);
    assertThat(result.findings()).allSatisfy(f -> assertThat(f.concerns()).doesNotContainAnyElementsOf(
        healthy.stream().map(Subject::fingerprint).toList()));
  }

  @Test
  void takesLessThanThirtySecondsAtDefaultScale() {
    assertThat(adviseMillis).isLessThan(30_000);
  }

  @Test
  void analyzerSkipsWithHowToEnableItWhenTheDatabaseIsNotADeclaredSandbox(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      DiagnosisResults results = new DiagnosisResults();
      new IndexAdvisorAnalyzer(IndexAdvisor.withDefaults(), false)
          .analyze(new PgTarget(new SafeExecutor(c), 170000, "demo"), results);
      assertThat(results.findings()).isEmpty();
      assertThat(results.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("--sandbox"));
    }
  }
}

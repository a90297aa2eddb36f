package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.plan.PlanAnalysis;
import io.querydoctor.core.plan.PlanAnalyzer;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end against the embedded server: each plan case is explained with EXPLAIN (ANALYZE, BUFFERS) through
 * the safe executor and analyzed; its rule must fire or stay silent. The plans are written to
 * {@code target/recorded-plans/}; run with {@code -Dqd.recordPlans=true} to refresh the committed fixtures in
 * {@code src/test/resources/plans/pg/}.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class PlanRulesIT {

  @BeforeAll
  static void createData(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(PlanCase.SCHEMA);
    }
    // The embedded server commits asynchronously: until the commit is flushed, VACUUM cannot set the hint
    // bits it needs to mark pages all-visible. A checkpoint flushes it.
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CHECKPOINT");
      s.execute(PlanCase.VACUUM);
    }
  }

  static java.util.List<PlanCase> cases() {
    return PlanCase.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ruleFiresOrStaysSilentOnTheLiveServer(PlanCase planCase, TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      try (Statement s = c.createStatement()) {
        for (String setting : planCase.settings()) {
          s.execute(setting);
        }
      }
      SafeExecutor executor = new SafeExecutor(c);
      ExplainResult result = new PgExplainer(executor).explain(planCase.sql(), true, false);
      record(planCase, result.json());

      assertThat(result.mode()).isEqualTo(ExplainMode.ANALYZE_READ_ONLY);
      PlanAnalysis analysis = PlanAnalyzer.withDefaults().analyze(result.plan());
      boolean fired = analysis.reportFindings().stream().anyMatch(f -> f.ruleId().equals(planCase.rule()));
      assertThat(fired).as(planCase.name() + "\n" + new io.querydoctor.core.plan.PlanTreeRenderer().render(analysis))
          .isEqualTo(planCase.fires());
    }
  }

  @org.junit.jupiter.api.Test
  void estimatesOnlyPlanStillFindsTheFullSortBehindALimit(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      ExplainResult result = new PgExplainer(new SafeExecutor(c))
          .explain("SELECT * FROM orders ORDER BY total DESC LIMIT 10", false, false);
      record(new PlanCase("estimate-only-top-n", "top-n-full-sort", true, java.util.List.of(), ""), result.json());

      assertThat(result.mode()).isEqualTo(ExplainMode.ESTIMATE);
      assertThat(result.plan().isAnalyzed()).isFalse();
      assertThat(PlanAnalyzer.withDefaults().analyze(result.plan()).reportFindings())
          .extracting(f -> f.ruleId()).containsExactly("top-n-full-sort");
    }
  }

  private static void record(PlanCase planCase, String json) throws Exception {
    Path target = Path.of("target/recorded-plans", planCase.name() + ".json");
    Files.createDirectories(target.getParent());
    Files.writeString(target, json + "\n", StandardCharsets.UTF_8);
    if (Boolean.getBoolean("qd.recordPlans")) {
      Files.copy(target, Path.of("src/test/resources", planCase.fixture()),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }
}

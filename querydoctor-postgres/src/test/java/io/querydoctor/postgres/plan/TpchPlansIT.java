package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanAnalyzer;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 22 TPC-H queries on a TPC-H database at scale factor 0.01, explained with ANALYZE: every plan parses,
 * its self times add up to the plan's time, and the rules run over it. Plans are written to
 * {@code target/recorded-plans/tpch}; {@code -Dqd.recordPlans=true} refreshes the committed fixtures.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class TpchPlansIT {

  static final double SCALE_FACTOR = 0.01;

  @BeforeAll
  static void loadTpch(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      TpchDatabase.load(c, SCALE_FACTOR);
    }
  }

  static IntStream queries() {
    return IntStream.rangeClosed(1, 22);
  }

  @ParameterizedTest(name = "q{0}")
  @MethodSource("queries")
  void planParsesAndSelfTimesAddUp(int query, TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      try (Statement s = c.createStatement()) {
        for (String statement : TpchDatabase.setup(query)) {
          s.execute(statement);
        }
      }
      ExplainResult result = new PgExplainer(new SafeExecutor(c)).explain(TpchDatabase.query(query), true, false);
      record(query, result.json());

      Plan plan = result.plan();
      assertThat(plan.isAnalyzed()).isTrue();
      assertThat(plan.nodes()).isNotEmpty();
      double selfSum = plan.nodes().stream().mapToDouble(n -> plan.time(n).selfMillis()).sum();
      assertThat(selfSum).as("q" + query + " self times vs plan time")
          .isCloseTo(plan.treeMillis(), within(TpchPlanFixturesTest.tolerance(plan)));
      assertThat(plan.treeMillis()).isLessThanOrEqualTo(plan.executionMillis() + 0.01);
      PlanAnalyzer.withDefaults().analyze(plan, "tpch-q" + query, 0);
    }
  }

  private static void record(int query, String json) throws Exception {
    Path target = Path.of("target/recorded-plans/tpch/q" + query + ".json");
    Files.createDirectories(target.getParent());
    Files.writeString(target, json + "\n", StandardCharsets.UTF_8);
    if (Boolean.getBoolean("qd.recordPlans")) {
      Files.copy(target, Path.of("src/test/resources/plans/pg/tpch/q" + query + ".json"),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }
}

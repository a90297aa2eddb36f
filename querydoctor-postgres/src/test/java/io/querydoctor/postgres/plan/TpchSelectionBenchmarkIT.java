package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.advisor.AdvisorSettings;
import io.querydoctor.core.advisor.IndexAdvice;
import io.querydoctor.core.advisor.IndexAdvice.ChosenIndex;
import io.querydoctor.postgres.advisor.HypoPgWhatIf;
import io.querydoctor.postgres.advisor.IndexAdvisor;
import io.querydoctor.postgres.advisor.SystemPostgres15;
import io.querydoctor.postgres.advisor.WorkloadStatement;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The index-advisor benchmark of BENCHMARKS.md §5 with the literature's protocol (docs/performance.md says how to
 * run it): TPC-H without any index (no primary keys), statistics read from every row ({@code
 * default_statistics_target} 2500) and frozen (autovacuum off), the 19 queries of {@link TpchBenchmarkFiles}
 * weighted once, HypoPG sizes, budgets in MB = 10^6 bytes (scaled with the scale factor from SF 0.1). For each
 * index width (2 as in the literature, and 0 = unlimited) and budget it runs the advisor and scores its list with
 * the one {@link IndexListEvaluator}; {@code -Dtpch.indexes=FILE} scores another tool's list the same way.
 * Runs only with {@code -Dtpch.bench=SF}; writes {@code target/tpch-selection.md}.
 */
class TpchSelectionBenchmarkIT {

  /** Published at SF 0.1, 2 columns (BENCHMARKS.md §5): budget MB → {Extend, DB2Advis}. */
  private static final Map<Long, double[]> PUBLISHED = Map.of(5L, new double[] {0.960, 0.989},
      25L, new double[] {0.699, 0.711}, 50L, new double[] {0.626, 0.657}, 250L, new double[] {0.548, 0.531});

  private static SystemPostgres15 server;
  private static double scaleFactor;

  @BeforeAll
  static void load() throws Exception {
    Assumptions.assumeTrue(System.getProperty("tpch.bench") != null,
        "the advisor benchmark runs only when asked for, with -Dtpch.bench=0.1");
    String why = SystemPostgres15.why();
    Assumptions.assumeTrue(why == null, "TPC-H advisor benchmark skipped: " + why);
    scaleFactor = Double.parseDouble(System.getProperty("tpch.bench"));
    server = SystemPostgres15.start(List.of("autovacuum=off"));
    try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
      for (String statement : TpchBenchmarkFiles.schema()) {
        s.execute(statement);
      }
      TpchDatabase.copyAll(c, scaleFactor);
      s.execute("SET default_statistics_target = 2500");
      s.execute("VACUUM ANALYZE");
      s.execute("CREATE EXTENSION hypopg");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void relativeCostIndexCountSizeAndRunTimePerBudget() throws Exception {
    List<Long> budgets = Arrays.stream(System.getProperty("tpch.budgets", "5,10,25,50,100").split(","))
        .map(String::strip).map(Long::parseLong).toList();
    List<Integer> widths = Arrays.stream(System.getProperty("tpch.widths", "2,0").split(","))
        .map(String::strip).map(Integer::parseInt).toList();
    double scale = scaleFactor / 0.1;
    StringBuilder out = new StringBuilder();
    StringBuilder lists = new StringBuilder();
    try (Connection judge = DriverManager.getConnection(server.jdbcUrl());
        Connection advisorConnection = DriverManager.getConnection(server.jdbcUrl());
        Connection extendConnection = DriverManager.getConnection(server.jdbcUrl())) {
      IndexListEvaluator evaluator = new IndexListEvaluator(judge, TpchBenchmarkFiles.queries());
      double none = evaluator.score(List.of()).cost();
      out.append(String.format(Locale.ROOT, "TPC-H SF %s, 19 queries, PostgreSQL 15 + HypoPG, no-index cost %.0f%n",
          scaleFactor, none));
      SafeExecutor executor = new SafeExecutor(advisorConnection, Duration.ofMinutes(5), Duration.ofSeconds(2));
      for (int width : widths) {
        out.append(String.format(Locale.ROOT, "%nIndex width %s (%s):%n%n| budget | relative cost | indexes | size "
            + "| advisor time | Extend here: cost | indexes | size | time | Extend published | DB2Advis published |%n"
            + "|---|---|---|---|---|---|---|---|---|---|---|%n", width == 0 ? "unlimited" : width,
            bar(width) == 0 ? "no bar on what is proposed, as in the literature"
                : String.format(Locale.ROOT, "each proposed index saves >= %.0f %% of its queries' cost",
                    100 * bar(width))));
        double previous = 1;
        for (long mb : budgets) {
          long budget = Math.round(mb * scale) * 1_000_000;
          AdvisorSettings settings = AdvisorSettings.defaults().withBudgetBytes(budget).withMaxIndexWidth(width);
          settings = settings.withMinCostReduction(bar(width));
          long start = System.nanoTime();
          IndexAdvice advice = new IndexAdvisor(settings, IndexAdvisor.DEFAULT_TOP)
              .advise(executor, HypoPgWhatIf.ifInstalled(executor).orElseThrow(), workload(), false).advice();
          double seconds = (System.nanoTime() - start) / 1e9;
          List<String> chosen = advice.chosen().stream().map(ChosenIndex::index).map(i -> i.definition()).toList();
          IndexListEvaluator.Score score = evaluator.score(chosen);
          double relative = score.cost() / none;
          double[] published = width == 2 && scale == 1 ? PUBLISHED.get(mb) : null;
          start = System.nanoTime();
          List<String> extend = width != 2 ? List.of() : new ExtendReference(extendConnection,
              TpchBenchmarkFiles.queries(), width, budget).select().stream().map(ExtendReference.Index::definition)
              .toList();
          double extendSeconds = (System.nanoTime() - start) / 1e9;
          IndexListEvaluator.Score extendScore = evaluator.score(extend);
          out.append(String.format(Locale.ROOT, "| %d MB | %.4f | %d | %s | %.1f s | %.4f | %d | %s | %.1f s | %s | %s |%n",
              Math.round(mb * scale), relative, score.indexes(), IndexListEvaluator.megabytes(score.bytes()), seconds,
              extendScore.cost() / none, extendScore.indexes(), IndexListEvaluator.megabytes(extendScore.bytes()),
              extendSeconds,
              published == null ? "" : String.format(Locale.ROOT, "%.3f", published[0]),
              published == null ? "" : String.format(Locale.ROOT, "%.3f", published[1])));
          lists.append(String.format(Locale.ROOT, "%n# width %d, %d MB: %.4f%n", width, Math.round(mb * scale),
              relative));
          chosen.forEach(d -> lists.append(d).append('\n'));
          lists.append(String.format(Locale.ROOT, "# Extend (same inputs): %.4f%n", extendScore.cost() / none));
          extend.forEach(d -> lists.append(d).append('\n'));
          assertThat(score.bytes()).as("within the budget").isLessThanOrEqualTo(budget);
          previous = relative;
        }
        assertThat(previous).isLessThan(1.0);
      }
      String file = System.getProperty("tpch.indexes");
      if (file != null) {
        IndexListEvaluator.Score score = evaluator.score(IndexListEvaluator.read(Path.of(file)));
        out.append(String.format(Locale.ROOT, "%nIndex list %s: relative cost %.3f, %d indexes, %s%n", file,
            score.cost() / none, score.indexes(), IndexListEvaluator.megabytes(score.bytes())));
      }
    }
    out.append("\nChosen index lists:\n").append(lists);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "tpch-selection.md"), out);
    System.err.println(out);
  }

  /** The bar on what is proposed: {@code -Dtpch.bar}, else none at width 2 (the literature's) and 20 % otherwise. */
  private static double bar(int width) {
    String bar = System.getProperty("tpch.bar");
    return bar != null ? Double.parseDouble(bar) : width == 2 ? 0 : AdvisorSettings.defaults().minCostReduction();
  }

  private static List<WorkloadStatement> workload() throws Exception {
    List<WorkloadStatement> statements = new ArrayList<>();
    for (String query : TpchBenchmarkFiles.queries()) {
      statements.add(new WorkloadStatement(query, 1, 0, 1));
    }
    return statements;
  }
}

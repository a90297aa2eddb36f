package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.advisor.AdvisorSettings;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The advisor benchmark of {@link TpchSelectionBenchmarkIT} on a second workload, TPC-DS, with the same protocol:
 * no index of any kind, {@code default_statistics_target} 2500 and frozen statistics, HypoPG sizes, MB = 10^6,
 * each query weighted once, one {@link IndexListEvaluator}, and {@link ExtendReference} on the same inputs. The
 * queries are Spark's TPC-DS texts adapted to PostgreSQL ({@link TpcdsQueries}); those PostgreSQL cannot plan
 * are left out and listed with the reason. Budgets are fractions of the data size ({@code -Dtpcds.budgets}). Next
 * to the relative cost (the sum, which a few unindexed correlated subqueries dominate) it reports the mean of the
 * queries' own ratios, where every query counts the same.
 * Runs only with {@code -Dtpcds.bench=SF} (which also turns on the Maven profile bringing the generator and the
 * texts); writes {@code target/tpcds-selection.md}.
 */
class TpcdsSelectionBenchmarkIT {

  /** Extend's search is stopped after this long, keeping its picks so far ({@code -Dtpcds.extendMinutes}). */
  private static final long EXTEND_MINUTES = Long.getLong("tpcds.extendMinutes", 15);
  private static SystemPostgres15 server;
  private static double scaleFactor;
  private static String loadTimes;
  private static final Map<String, String> QUERIES = new LinkedHashMap<>();
  private static final Map<String, String> LEFT_OUT = new LinkedHashMap<>();

  @BeforeAll
  static void load() throws Exception {
    Assumptions.assumeTrue(System.getProperty("tpcds.bench") != null,
        "the TPC-DS advisor benchmark runs only when asked for, with -Dtpcds.bench=SF");
    String why = SystemPostgres15.why();
    Assumptions.assumeTrue(why == null, "TPC-DS advisor benchmark skipped: " + why);
    scaleFactor = Double.parseDouble(System.getProperty("tpcds.bench"));
    server = SystemPostgres15.start(List.of("autovacuum=off"));
    try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
      long start = System.nanoTime();
      TpcdsDatabase.createAndLoad(c, scaleFactor);
      long loaded = System.nanoTime();
      s.execute("SET default_statistics_target = 2500");
      s.execute("VACUUM ANALYZE");
      s.execute("CREATE EXTENSION hypopg");
      loadTimes = String.format(Locale.ROOT, "load %.0f s, VACUUM ANALYZE %.0f s, load average %s",
          (loaded - start) / 1e9, (System.nanoTime() - loaded) / 1e9, BenchmarkMachine.loadAverage());
      for (Map.Entry<String, String> query : TpcdsQueries.all().entrySet()) {
        try {
          s.execute("EXPLAIN " + query.getValue());
          QUERIES.put(query.getKey(), query.getValue());
        } catch (SQLException e) {
          LEFT_OUT.put(query.getKey(), e.getMessage().lines().findFirst().orElse(""));
        }
      }
      System.err.println("TPC-DS " + loadTimes + "; left out: " + LEFT_OUT);
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
    List<Double> fractions = Arrays.stream(System.getProperty("tpcds.budgets", "0.05,0.1,0.25,0.5").split(","))
        .map(String::strip).map(Double::parseDouble).toList();
    List<Integer> widths = Arrays.stream(System.getProperty("tpcds.widths", "2,0").split(","))
        .map(String::strip).map(Integer::parseInt).toList();
    List<String> texts = List.copyOf(QUERIES.values());
    StringBuilder out = new StringBuilder();
    StringBuilder lists = new StringBuilder();
    try (Connection judge = DriverManager.getConnection(server.jdbcUrl());
        Connection advisorConnection = DriverManager.getConnection(server.jdbcUrl());
        Connection extendConnection = DriverManager.getConnection(server.jdbcUrl())) {
      SafeExecutor executor = new SafeExecutor(advisorConnection, Duration.ofMinutes(5), Duration.ofSeconds(2));
      long dataBytes = executor.queryOne("SELECT sum(pg_table_size(c.oid))::bigint FROM pg_class c "
          + "WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace", rs -> rs.getLong(1));
      IndexListEvaluator evaluator = new IndexListEvaluator(judge, texts);
      IndexListEvaluator.Score baseline = evaluator.score(List.of());
      double none = baseline.cost();
      out.append(String.format(Locale.ROOT, "TPC-DS SF %s (data %s), %d of %d queries, PostgreSQL 15 + HypoPG, "
          + "no-index cost %.0f; %s%n", scaleFactor, IndexListEvaluator.megabytes(dataBytes), QUERIES.size(),
          QUERIES.size() + LEFT_OUT.size(), none, loadTimes)).append(dominant(baseline));
      for (int width : widths) {
        out.append(String.format(Locale.ROOT, "%nIndex width %s (no bar on what is proposed):%n%n"
            + "| budget (× data) | budget | relative cost | mean query ratio | indexes | size | advisor time "
            + "| Extend here: cost | mean query ratio | indexes | size | time |%n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|%n",
            width == 0 ? "unlimited" : width));
        double previous = 1;
        for (double fraction : fractions) {
          long budget = Math.round(dataBytes * fraction / 1e6) * 1_000_000;
          AdvisorSettings settings = AdvisorSettings.defaults().withBudgetBytes(budget).withMaxIndexWidth(width)
              .withMinCostReduction(0);
          long start = System.nanoTime();
          List<String> chosen = new IndexAdvisor(settings, IndexAdvisor.DEFAULT_TOP)
              .advise(executor, HypoPgWhatIf.ifInstalled(executor).orElseThrow(), workload(texts), false).advice()
              .chosen().stream().map(ChosenIndex::index).map(i -> i.definition()).toList();
          double seconds = (System.nanoTime() - start) / 1e9;
          IndexListEvaluator.Score score = evaluator.score(chosen);
          start = System.nanoTime();
          ExtendReference peer = new ExtendReference(extendConnection, texts, width, budget)
              .withTimeLimit(Duration.ofMinutes(EXTEND_MINUTES));
          List<String> extend = width != 2 ? List.of()
              : peer.select().stream().map(ExtendReference.Index::definition).toList();
          double extendSeconds = (System.nanoTime() - start) / 1e9;
          IndexListEvaluator.Score extendScore = evaluator.score(extend);
          out.append(String.format(Locale.ROOT,
              "| %.2f | %d MB | %.4f | %.3f | %d | %s | %.1f s | %s | %s | %s | %s | %s |%n",
              fraction, budget / 1_000_000, score.cost() / none, score.meanQueryRatio(baseline), score.indexes(),
              IndexListEvaluator.megabytes(score.bytes()), seconds,
              width != 2 ? "" : String.format(Locale.ROOT, "%.4f", extendScore.cost() / none),
              width != 2 ? "" : String.format(Locale.ROOT, "%.3f", extendScore.meanQueryRatio(baseline)),
              width != 2 ? "" : extendScore.indexes(),
              width != 2 ? "" : IndexListEvaluator.megabytes(extendScore.bytes()),
              width != 2 ? "" : String.format(Locale.ROOT, "%.1f s%s", extendSeconds,
                  peer.stopped() ? " (stopped: time limit, picks so far)" : "")));
          lists.append(String.format(Locale.ROOT, "%n# width %d, %d MB: %.4f%n", width, budget / 1_000_000,
              score.cost() / none));
          chosen.forEach(d -> lists.append(d).append('\n'));
          if (width == 2) {
            lists.append(String.format(Locale.ROOT, "# Extend (same inputs): %.4f%n", extendScore.cost() / none));
            extend.forEach(d -> lists.append(d).append('\n'));
          }
          assertThat(score.bytes()).as("within the budget").isLessThanOrEqualTo(budget);
          previous = score.cost() / none;
          System.err.println(out);
          System.err.println(lists);
        }
        assertThat(previous).isLessThan(1.0);
      }
    }
    out.append("\nLoad average at the end: ").append(BenchmarkMachine.loadAverage()).append('\n');
    out.append("\nQueries (").append(QUERIES.size()).append("): ").append(String.join(" ", QUERIES.keySet()))
        .append("\n\nLeft out (PostgreSQL cannot plan them):\n");
    LEFT_OUT.forEach((name, why) -> out.append("- ").append(name).append(": ").append(why).append('\n'));
    out.append("\nChosen index lists:\n").append(lists);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "tpcds-selection.md"), out);
    System.err.println(out);
  }

  /** The queries that make up most of the no-index cost: the sum is theirs to decide. */
  private static String dominant(IndexListEvaluator.Score baseline) {
    List<String> names = List.copyOf(QUERIES.keySet());
    List<Integer> order = new ArrayList<>();
    for (int q = 0; q < names.size(); q++) {
      order.add(q);
    }
    order.sort((a, b) -> Double.compare(baseline.queryCosts().get(b), baseline.queryCosts().get(a)));
    StringBuilder text = new StringBuilder("Largest no-index costs (share of the sum):");
    for (int q : order.subList(0, Math.min(8, order.size()))) {
      text.append(String.format(Locale.ROOT, " %s %.1f %%,", names.get(q),
          100 * baseline.queryCosts().get(q) / baseline.cost()));
    }
    return text.deleteCharAt(text.length() - 1).append('\n').toString();
  }

  private static List<WorkloadStatement> workload(List<String> texts) {
    List<WorkloadStatement> statements = new ArrayList<>();
    for (String text : texts) {
      statements.add(new WorkloadStatement(text, 1, 0, 1));
    }
    return statements;
  }
}

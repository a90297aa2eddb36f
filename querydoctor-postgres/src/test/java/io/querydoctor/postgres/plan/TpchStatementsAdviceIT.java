package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.advisor.WhatIf;
import io.querydoctor.core.digest.TimeWindow;
import io.querydoctor.demo.junit.PostgresMajors;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.postgres.advisor.AdvisorResult;
import io.querydoctor.postgres.advisor.HypoPgWhatIf;
import io.querydoctor.postgres.advisor.IndexAdvisor;
import io.querydoctor.postgres.advisor.ParameterSamples;
import io.querydoctor.postgres.advisor.SampledWhatIf;
import io.querydoctor.postgres.advisor.SandboxWhatIf;
import io.querydoctor.postgres.advisor.SystemPostgres15;
import io.querydoctor.postgres.advisor.WorkloadStatement;
import io.querydoctor.postgres.connect.SafeExecutor;
import io.querydoctor.postgres.connect.SandboxExecutor;
import io.querydoctor.postgres.log.LoggedSamples;
import io.querydoctor.postgres.log.ServerLogLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * #30: the TPC-H workload run through a client (JDBC) and read back from pg_stat_statements gives the same
 * advice as its literal texts given as a workload (what {@code advise --url} and {@code advise --workload FILE}
 * do), on PostgreSQL 15 with HypoPG and on 17 with the sandbox what-if (zonky's 17 cannot load HypoPG). The
 * {@code $n} texts are planned with the literal values the server's log holds ({@link LoggedSamples}, read
 * through SQL as {@code advise} does); the advice from generic plans alone (no sample values) is computed too and
 * written to {@code target/tpch-statements-advice.md}, with its difference, for docs/advisor.md.
 *
 * <p>The 19 queries of the index-selection literature ({@link TpchBenchmarkFiles}), the no-index schema, SF 0.01
 * (PostgreSQL 15) and 0.003 (17), each query run twice, the default budget. The same chosen indexes in the same
 * order: both runs plan the same texts with the same what-if and equal weights, so the greedy search must take the
 * same path; a different order would mean the two workloads were not planned alike.
 */
class TpchStatementsAdviceIT {

  /** With HypoPG, nothing is built: SF 0.01 (lineitem 60 000 rows) advises in about 10 s. */
  private static final double SCALE_FACTOR_HYPOPG = Double.parseDouble(System.getProperty("tpch.hypopgSf", "0.01"));

  /** The sandbox builds every candidate configuration it plans: a smaller database keeps that under a minute. */
  private static final double SCALE_FACTOR_SANDBOX = Double.parseDouble(System.getProperty("tpch.sandboxSf", "0.003"));

  @Test
  void postgres15WithHypoPg() throws Exception {
    String why = SystemPostgres15.why();
    Assumptions.assumeTrue(why == null, "PostgreSQL 15 comparison skipped: " + why);
    try (SystemPostgres15 server = SystemPostgres15.start(List.of("autovacuum=off",
        "shared_preload_libraries=pg_stat_statements", "logging_collector=on", "log_directory=log",
        "log_destination=csvlog"));
        Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      load(c, SCALE_FACTOR_HYPOPG);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION hypopg");
      }
      AdvisorResult generic = compare(c, 15, SCALE_FACTOR_HYPOPG, executor -> HypoPgWhatIf.ifInstalled(executor).orElseThrow(), true);
      assertThat(generic.planning().values()).as("without samples every statement is a generic plan")
          .containsOnly(SampledWhatIf.GENERIC);
    }
  }

  @Test
  void postgres17WithTheSandbox() throws Exception {
    EmbeddedServer server = PostgresMajors.server(17).orElseThrow();
    String database = server.createUniqueDatabase("tpch_statements");
    try (Connection c = server.connect(database)) {
      load(c, SCALE_FACTOR_SANDBOX);
      SandboxExecutor sandbox = new SandboxExecutor(c, Duration.ofMinutes(5), Duration.ofSeconds(2));
      // Generic plans alone only when asked (-Dtpch.sandboxGeneric=true): a third sandbox run is 25 s more.
      compare(c, 17, SCALE_FACTOR_SANDBOX, executor -> new SandboxWhatIf(sandbox),
          Boolean.getBoolean("tpch.sandboxGeneric"));
    }
  }

  private interface WhatIfs {
    WhatIf of(SafeExecutor executor) throws Exception;
  }

  /** The no-index schema and data, statistics from every row, pg_stat_statements emptied. */
  private static void load(Connection c, double scaleFactor) throws Exception {
    try (Statement s = c.createStatement()) {
      for (String statement : TpchBenchmarkFiles.schema()) {
        s.execute(statement);
      }
      TpchDatabase.copyAll(c, scaleFactor);
      s.execute("SET default_statistics_target = 2500");
      s.execute("ANALYZE");
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      s.execute("SELECT pg_stat_statements_reset()");
    }
  }

  /**
   * Runs the queries, advises from pg_stat_statements with the server log's samples and from the literal texts,
   * and checks both chose the same; with {@code generic}, also advises from generic plans alone and returns that.
   */
  private static AdvisorResult compare(Connection c, int major, double scaleFactor, WhatIfs whatIfs,
      boolean withGeneric)
      throws Exception {
    List<WorkloadStatement> literal = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      // As an application's queries are logged: every statement with its values (log_min_duration_statement).
      // Twice, as a workload repeats: a value seen alike in two executions is a constant (a partial index's filter).
      s.execute("SET log_min_duration_statement = 0");
      for (int run = 0; run < 2; run++) {
        for (String query : TpchBenchmarkFiles.queries()) {
          try (ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
              rs.getObject(1);
            }
          }
        }
      }
      for (String query : TpchBenchmarkFiles.queries()) {
        literal.add(new WorkloadStatement(query, 1, 0, 1));
      }
      s.execute("RESET log_min_duration_statement");
    }
    SafeExecutor executor = new SafeExecutor(c, Duration.ofMinutes(5), Duration.ofSeconds(2));
    ParameterSamples samples = serverLogSamples(executor);
    long start = System.nanoTime();
    AdvisorResult fromStatements = advisor().advise(executor, whatIfs.of(executor), List.of(), true, samples);
    double statementsSeconds = (System.nanoTime() - start) / 1e9;
    AdvisorResult fromFile = advisor().advise(executor, whatIfs.of(executor), literal, false);
    AdvisorResult generic = withGeneric ? advisor().advise(executor, whatIfs.of(executor), List.of(), true) : null;
    record(major, scaleFactor, fromStatements, fromFile, generic, statementsSeconds);
    if (generic != null) {
      recordLiteralCosts(whatIfs.of(executor), literal, fromFile, generic);
    }

    assertThat(fromStatements.statements()).as("the 19 queries read from pg_stat_statements").isEqualTo(19);
    assertThat(fromStatements.planning()).isNotEmpty().allSatisfy((fingerprint, how) ->
        assertThat(how).isEqualTo("planned with literal values from the server log"));
    assertThat(fromStatements.advice().skipped()).as("nothing skipped").isEmpty();
    assertThat(definitions(fromStatements)).isNotEmpty().containsExactlyElementsOf(definitions(fromFile));
    return generic;
  }

  private static IndexAdvisor advisor() {
    return IndexAdvisor.withDefaults();
  }

  /** What {@code advise --url} reads besides pg_stat_statements: the server log's statements, through SQL. */
  private static ParameterSamples serverLogSamples(SafeExecutor executor) throws Exception {
    Path folder = Files.createTempDirectory("qd-server-log-");
    ServerLogLocator.ServerLog log = new ServerLogLocator(executor, ServerLogLocator.DEFAULT_MAX_BYTES).fetch(folder);
    ParameterSamples samples = ParameterSamples.none();
    LoggedSamples.read(log.copy(), log.format(), log.prefix(), TimeWindow.ALL, samples, "the server log");
    Files.delete(log.copy());
    Files.delete(folder);
    return samples;
  }

  private static List<String> definitions(AdvisorResult result) {
    return result.advice().chosen().stream().map(chosen -> chosen.index().definition()).toList();
  }

  private static void record(int major, double scaleFactor, AdvisorResult statements, AdvisorResult file, AdvisorResult generic,
      double seconds) throws Exception {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "%n## PostgreSQL %d, TPC-H SF %s, 19 queries, default budget (%s)%n%n", major, scaleFactor,
        statements.advice().method()));
    text.append(column("pg_stat_statements + server log samples", statements))
        .append(String.format(Locale.ROOT, "  (advisor %.1f s)%n", seconds))
        .append(column("--workload (literal texts)", file))
        .append(generic == null ? "" : column("pg_stat_statements, generic plans only", generic));
    Path out = Path.of("target", "tpch-statements-advice.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, text, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    System.err.println(text);
  }

  /** What each choice saves on the literal texts, the workload that really ran: the generic plans' cost of guessing. */
  private static void recordLiteralCosts(WhatIf evaluator, List<WorkloadStatement> literal, AdvisorResult fromFile,
      AdvisorResult generic) throws Exception {
    List<String> texts = literal.stream().map(WorkloadStatement::sql).toList();
    double today = total(evaluator.plan(texts, java.util.Set.of()));
    double literalChoice = total(evaluator.plan(texts, chosen(fromFile)));
    double genericChoice = total(evaluator.plan(texts, chosen(generic)));
    evaluator.release();
    String text = String.format(Locale.ROOT, "%nOn the literal texts (planned with their values), relative to no "
        + "new index: the literal texts' choice %.3f, the generic plans' choice %.3f%n", literalChoice / today,
        genericChoice / today);
    Files.writeString(Path.of("target", "tpch-statements-advice.md"), text, java.nio.file.StandardOpenOption.APPEND);
    System.err.println(text);
  }

  private static java.util.Set<io.querydoctor.core.advisor.IndexCandidate> chosen(AdvisorResult result) {
    return result.advice().chosen().stream().map(c -> c.index()).collect(java.util.stream.Collectors.toSet());
  }

  private static double total(List<io.querydoctor.core.advisor.PlannedCost> costs) {
    return costs.stream().mapToDouble(io.querydoctor.core.advisor.PlannedCost::cost).sum();
  }

  private static String column(String title, AdvisorResult result) {
    var advice = result.advice();
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%n%s: %d indexes, %.1f MB, relative cost "
        + "%.3f, %d skipped%n", title, advice.chosen().size(), advice.usedBytes() / 1e6,
        advice.workloadCostAfter() / advice.workloadCostBefore(), advice.skipped().size()));
    advice.chosen().forEach(chosen -> text.append("    ").append(chosen.index().definition()).append('\n'));
    advice.skipped().forEach(skipped -> text.append("    skipped ").append(skipped.reason()).append('\n'));
    return text.toString();
  }
}

package io.querydoctor.postgres.plan;

import io.querydoctor.core.advisor.AdvisorSettings;
import io.querydoctor.core.advisor.IndexAdvice;
import io.querydoctor.postgres.advisor.HypoPgWhatIf;
import io.querydoctor.postgres.advisor.IndexAdvisor;
import io.querydoctor.postgres.advisor.SystemPostgres15;
import io.querydoctor.postgres.advisor.WorkloadStatement;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TpchStatementsMeasureIT {

  @Test
  void measure() throws Exception {
    Assumptions.assumeTrue(System.getProperty("measure.sf") != null);
    double sf = Double.parseDouble(System.getProperty("measure.sf"));
    try (SystemPostgres15 server = SystemPostgres15.start(List.of("autovacuum=off",
        "shared_preload_libraries=pg_stat_statements"));
        Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
      for (String statement : TpchBenchmarkFiles.schema()) {
        s.execute(statement);
      }
      TpchDatabase.copyAll(c, sf);
      s.execute("VACUUM ANALYZE");
      s.execute("CREATE EXTENSION hypopg");
      s.execute("CREATE EXTENSION pg_stat_statements");
      s.execute("SELECT pg_stat_statements_reset()");
      List<WorkloadStatement> literal = new ArrayList<>();
      for (String q : TpchBenchmarkFiles.queries()) {
        try (ResultSet rs = s.executeQuery(q)) {
          while (rs.next()) {
            rs.getObject(1);
          }
        }
        literal.add(new WorkloadStatement(q, 1, 0, 1));
      }
      SafeExecutor executor = new SafeExecutor(c, java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(2));
      for (String budget : System.getProperty("measure.budgets", "default").split(",")) {
        AdvisorSettings settings = budget.equals("default") ? AdvisorSettings.defaults()
            : AdvisorSettings.defaults().withBudgetBytes(Long.parseLong(budget) * 1_000_000);
        IndexAdvice fromStats = new IndexAdvisor(settings, 50)
            .advise(executor, HypoPgWhatIf.ifInstalled(executor).orElseThrow(), List.of(), true).advice();
        IndexAdvice fromLiterals = new IndexAdvisor(settings, 50)
            .advise(executor, HypoPgWhatIf.ifInstalled(executor).orElseThrow(), literal, false).advice();
        System.err.println("=== SF " + sf + " budget " + budget);
        System.err.println("pgss: " + fromStats.chosen().size() + " skipped " + fromStats.skipped().size() + " "
            + fromStats.workloadCostAfter() / fromStats.workloadCostBefore());
        fromStats.chosen().forEach(x -> System.err.println("   " + x.index().definition()));
        fromStats.skipped().forEach(x -> System.err.println("   skipped " + x.reason()));
        System.err.println("literal: " + fromLiterals.chosen().size() + " "
            + fromLiterals.workloadCostAfter() / fromLiterals.workloadCostBefore());
        fromLiterals.chosen().forEach(x -> System.err.println("   " + x.index().definition()));
      }
    }
  }
}

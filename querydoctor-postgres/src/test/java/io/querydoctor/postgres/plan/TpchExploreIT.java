package io.querydoctor.postgres.plan;

import io.querydoctor.postgres.advisor.SystemPostgres15;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TpchExploreIT {
  @Test
  void explore() throws Exception {
    Assumptions.assumeTrue(System.getProperty("tpch.explore") != null);
    try (SystemPostgres15 server = SystemPostgres15.start(List.of("autovacuum=off"))) {
      try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
        for (String statement : TpchBenchmarkFiles.schema()) {
          s.execute(statement);
        }
        TpchDatabase.copyAll(c, 0.1);
        s.execute("SET default_statistics_target = 2500");
        s.execute("VACUUM ANALYZE");
        s.execute("CREATE EXTENSION hypopg");
        IndexListEvaluator ev = new IndexListEvaluator(c, TpchBenchmarkFiles.queries());
        double none = ev.score(List.of()).cost();
        for (int r = 0; r < 3; r++) {
          long t0 = System.nanoTime();
          ev.score(List.of("lineitem (l_orderkey)", "orders (o_orderkey)"));
          System.err.printf("EXPLORE-T score of 19 queries: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }
        for (int q : TpchBenchmarkFiles.QUERIES) {
          IndexListEvaluator one = new IndexListEvaluator(c, List.of(TpchBenchmarkFiles.query(q)));
          one.score(List.of());
          long t0 = System.nanoTime();
          for (int r = 0; r < 5; r++) {
            one.score(List.of());
          }
          System.err.printf("EXPLORE-T q%d: %.1f ms%n", q, (System.nanoTime() - t0) / 5e6);
        }
        io.querydoctor.postgres.connect.SafeExecutor ex = new io.querydoctor.postgres.connect.SafeExecutor(c);
        for (int r = 0; r < 3; r++) {
          long t0 = System.nanoTime();
          for (String q : TpchBenchmarkFiles.queries()) {
            ex.queryUnprepared("EXPLAIN (FORMAT JSON) " + q, rs -> rs.getString(1));
          }
          System.err.printf("EXPLORE-T safe executor 19: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }
        for (String line : System.getProperty("tpch.explore").split(";")) {
          List<String> defs = List.of(line.split("\\|"));
          IndexListEvaluator.Score sc = ev.score(defs);
          System.err.printf(Locale.ROOT, "EXPLORE %.4f %8.2f MB  %s%n", sc.cost() / none, sc.bytes() / 1e6, line);
        }
      }
    }
  }
}

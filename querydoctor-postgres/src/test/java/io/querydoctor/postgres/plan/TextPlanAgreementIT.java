package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strong test of {@link PgTextPlanReader}: for a corpus of statements covering every construct the readers
 * know, {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} and {@code FORMAT TEXT} of the same statement on the
 * embedded server must read into the same tree ({@link PlanShape}: kinds, relations, estimates, actual rows and
 * loops, conditions, rows removed, sort method and space, hash batches). Parallelism is off except in the
 * parallel case, where actual rows are left out (the split between workers varies). The text/JSON pairs are
 * written to {@code target/recorded-plans-text/}; {@code -Dqd.recordPlans=true} refreshes the committed ones in
 * {@code src/test/resources/plans/pg-text/}.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class TextPlanAgreementIT {

  private static final String NO_PARALLEL = "SET max_parallel_workers_per_gather = 0";

  @BeforeAll
  static void createData(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(PlanCase.SCHEMA);
    }
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CHECKPOINT");
      s.execute(PlanCase.VACUUM);
    }
  }

  static List<PlanCase> cases() {
    return Stream.concat(PlanCase.all().stream(), constructs().stream()).toList();
  }

  /** Constructs the rule cases do not already cover. */
  private static List<PlanCase> constructs() {
    return List.of(
        new PlanCase("index-scan", "", false, List.of(), "SELECT * FROM orders WHERE id = 42"),
        new PlanCase("merge-join", "", false, List.of("SET enable_hashjoin = off", "SET enable_nestloop = off"),
            "SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.id WHERE o.id < 3000"),
        new PlanCase("cte", "", false, List.of(),
            "WITH recent AS MATERIALIZED (SELECT * FROM orders WHERE id > 199000) "
                + "SELECT count(*) FROM recent r JOIN recent s ON r.id = s.id"),
        new PlanCase("subplan", "", false, List.of(),
            "SELECT c.id, (SELECT count(*) FROM orders o WHERE o.customer_id = c.id AND o.id < 1000) "
                + "FROM customers c WHERE c.id < 20"),
        new PlanCase("initplan", "", false, List.of(),
            "SELECT * FROM orders WHERE total = (SELECT max(total) FROM orders WHERE id < 100) AND id < 5000"),
        new PlanCase("limit-offset", "", false, List.of(), "SELECT * FROM orders ORDER BY id LIMIT 10 OFFSET 100"),
        new PlanCase("hash-aggregate-spill", "", false, List.of("SET work_mem = '64kB'"),
            "SELECT customer_id, count(*) FROM orders GROUP BY customer_id"),
        new PlanCase("anti-join-and-left-join", "", false, List.of(),
            "SELECT c.id, r.name FROM customers c LEFT JOIN regions r ON r.code = c.region_code "
                + "WHERE NOT EXISTS (SELECT 1 FROM order_tags t WHERE t.id = c.id)"),
        new PlanCase("union-and-values", "", false, List.of(),
            "SELECT v.x FROM (VALUES (1), (2)) v(x) UNION SELECT id FROM order_tags WHERE id < 5"),
        new PlanCase("parallel-aggregate", "", false, List.of("SET parallel_setup_cost = 0",
            "SET parallel_tuple_cost = 0", "SET min_parallel_table_scan_size = 0"),
            "SELECT kind, count(*) FROM events WHERE amount > 50 GROUP BY kind"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void textAndJsonReadIntoTheSameTree(PlanCase planCase, TestDatabase db) throws Exception {
    boolean parallel = planCase.name().startsWith("parallel");
    try (Connection c = db.connect()) {
      try (Statement s = c.createStatement()) {
        if (!parallel) {
          s.execute(NO_PARALLEL);
        }
        for (String setting : planCase.settings()) {
          s.execute(setting);
        }
      }
      String json = explain(c, "JSON", planCase.sql());
      String text = explain(c, "TEXT", planCase.sql());
      record(planCase.name(), json, text);

      var fromJson = new PgPlanReader().read(json);
      var fromText = new PgTextPlanReader().read(text);
      assertThat(PlanShape.of(fromText, !parallel)).as(text).isEqualTo(PlanShape.of(fromJson, !parallel));
      assertThat(fromText.executionMillis()).isNotNull();
      assertThat(fromText.planningMillis()).isNotNull();
    }
  }

  /** A statement explained with other options than ANALYZE, BUFFERS. */
  record OptionCase(String name, String options, List<String> settings, String sql) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<OptionCase> optionCases() {
    return List.of(
        new OptionCase("verbose-settings", "ANALYZE, VERBOSE, SETTINGS, BUFFERS", List.of("SET work_mem = '64kB'"),
            "SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id < 20000"),
        new OptionCase("timing-off", "ANALYZE, TIMING OFF", List.of(), "SELECT * FROM orders ORDER BY note LIMIT 5"),
        new OptionCase("costs-off", "ANALYZE, COSTS OFF", List.of(), "SELECT * FROM orders WHERE id < 10"),
        new OptionCase("estimate-only", "COSTS ON", List.of(), "SELECT count(*) FROM orders WHERE status = 'st1'"),
        new OptionCase("never-executed", "ANALYZE", List.of("SET enable_hashjoin = off",
            "SET enable_mergejoin = off"),
            "SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id < 0"),
        new OptionCase("incremental-sort", "ANALYZE, BUFFERS", List.of(),
            "SELECT * FROM orders WHERE id < 50000 ORDER BY id, note LIMIT 20000"),
        new OptionCase("external-sort", "ANALYZE, BUFFERS", List.of("SET work_mem = '64kB'"),
            "SELECT * FROM orders WHERE id < 50000 ORDER BY note"),
        new OptionCase("insert-wal", "ANALYZE, BUFFERS, WAL", List.of(),
            "INSERT INTO order_tags SELECT i, 'x' FROM generate_series(3001, 3100) i"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optionCases")
  void textAndJsonAgreeUnderOtherOptions(OptionCase optionCase, TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      // Each EXPLAIN runs in its own rolled-back transaction (the INSERT case writes), with the settings in it.
      c.setAutoCommit(false);
      String json = explainRolledBack(c, optionCase, "JSON");
      String text = explainRolledBack(c, optionCase, "TEXT");
      record(optionCase.name(), json, text);

      boolean analyzed = optionCase.options().contains("ANALYZE");
      var fromJson = new PgPlanReader().read(json);
      var fromText = new PgTextPlanReader().read(text);
      assertThat(PlanShape.of(fromText, analyzed)).as(text).isEqualTo(PlanShape.of(fromJson, analyzed));
      assertThat(fromText.isAnalyzed()).isEqualTo(analyzed);
    }
  }

  private static String explainRolledBack(Connection c, OptionCase optionCase, String format) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute(NO_PARALLEL);
      for (String setting : optionCase.settings()) {
        s.execute(setting);
      }
    }
    String plan = explain(c, optionCase.options() + ", FORMAT " + format, optionCase.sql());
    c.rollback();
    return plan;
  }

  private static String explain(Connection c, String format, String sql) throws Exception {
    String options = format.contains(",") ? format : "ANALYZE, BUFFERS, FORMAT " + format;
    List<String> lines = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN (" + options + ") " + sql)) {
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    return String.join("\n", lines);
  }

  private static void record(String name, String json, String text) throws Exception {
    Path dir = Path.of("target/recorded-plans-text");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name + ".json"), json + "\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(name + ".txt"), text + "\n", StandardCharsets.UTF_8);
    if (Boolean.getBoolean("qd.recordPlans")) {
      Path fixtures = Files.createDirectories(Path.of("src/test/resources/plans/pg-text"));
      for (String file : List.of(name + ".json", name + ".txt")) {
        Files.copy(dir.resolve(file), fixtures.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}

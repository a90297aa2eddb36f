package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.demo.junit.PostgresMajors;
import io.querydoctor.demo.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generic plans of {@code $n} statements on the majors users run: prepared with the plan cache forced generic
 * on 13–15, {@code EXPLAIN (GENERIC_PLAN)} on 16+, and on 17 both ways give the same plan.
 */
class GenericPlannerIT {

  private static final String BY_DAY = "SELECT id FROM visit WHERE created_at::date = $1";
  private static final String BY_ID = "SELECT user_id FROM visit WHERE id = $1 AND user_id <> $2";

  private static String database(int major) throws SQLException {
    Optional<EmbeddedServer> server = PostgresMajors.server(major);
    assumeTrue(server.isPresent(), PostgresMajors.missing(major));
    String name = "generic_planner";
    try (Connection c = server.get().connect("postgres"); Statement s = c.createStatement()) {
      if (s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'").next()) {
        return name;
      }
    }
    server.get().createDatabase(name);
    try (Connection c = server.get().connect(name); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE visit (id int PRIMARY KEY, user_id int, created_at timestamp)");
      s.execute("INSERT INTO visit SELECT i, i % 100, timestamp '2026-01-01' + i * interval '1 minute' "
          + "FROM generate_series(1, 20000) i");
      s.execute("CREATE INDEX ON visit (created_at)");
      s.execute("ANALYZE visit");
    }
    return name;
  }

  private static Connection connect(int major) throws SQLException {
    String name = database(major);
    return PostgresMajors.server(major).orElseThrow().connect(name);
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {13, 14, 15, 17})
  void aParameterisedStatementGetsItsGenericPlanWithTheParametersLeftInPlace(int major) throws SQLException {
    try (Connection c = connect(major)) {
      PgExplainer explainer = new PgExplainer(new io.querydoctor.postgres.connect.SafeExecutor(c));

      ExplainResult day = explainer.explain(BY_DAY, false, false);
      ExplainResult id = explainer.explain(BY_ID, true, false);

      assertThat(day.mode()).isEqualTo(major < 16 ? ExplainMode.GENERIC : ExplainMode.GENERIC);
      assertThat(day.plan().isAnalyzed()).isFalse();
      PlanNode scan = day.plan().root();
      assertThat(scan.kind()).isEqualTo(NodeKind.SEQ_SCAN);
      assertThat(scan.conditions().filter()).contains("$1");
      // NULL arguments never reach the planner: no "One-Time Filter: false" or empty Result instead of the scan.
      assertThat(id.plan().root().kind()).isEqualTo(NodeKind.INDEX_SCAN);
      assertThat(id.plan().root().conditions().indexCond()).contains("$1");
      assertThat(id.plan().root().conditions().filter()).contains("$2");
      assertThat(preparedStatements(c)).isEmpty();
    }
  }

  /** {@code EXPLAIN (GENERIC_PLAN)} on 16+ leaves such a parameter's type unknown and plans it anyway. */
  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {13, 15})
  void aParameterWhoseTypeCannotBeInferredIsAOneLineRefusalAndLeavesNothingBehind(int major)
      throws SQLException {
    try (Connection c = connect(major)) {
      PgExplainer explainer = new PgExplainer(new io.querydoctor.postgres.connect.SafeExecutor(c));

      assertThatThrownBy(() -> explainer.explain("SELECT id FROM visit WHERE $2 IS NULL OR id = $1", false, false))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("parameter $2");
      assertThat(preparedStatements(c)).isEmpty();
      // The connection is still usable afterwards.
      assertThat(explainer.explain(BY_DAY, false, false).plan().root().kind()).isEqualTo(NodeKind.SEQ_SCAN);
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {14})
  void theTypeRefusalSaysWhyInOneLine(int major) throws SQLException {
    try (Connection c = connect(major)) {
      PgExplainer explainer = new PgExplainer(new io.querydoctor.postgres.connect.SafeExecutor(c));

      assertThatThrownBy(() -> explainer.explain("SELECT count(*) FROM visit WHERE $1 IS NULL", false, false))
          .isInstanceOf(UnplannableStatementException.class)
          .hasMessageStartingWith("PostgreSQL cannot infer the type of parameter $1")
          .hasMessageNotContaining("\n");
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {17})
  void onSixteenAndLaterThePreparedWayGivesTheSamePlanAsGenericPlan(int major) throws SQLException {
    try (Connection c = connect(major)) {
      var executor = new io.querydoctor.postgres.connect.SafeExecutor(c);
      PgPlanReader reader = new PgPlanReader();
      for (String sql : List.of(BY_DAY, BY_ID,
          "SELECT v.id FROM visit v JOIN visit w ON w.id = v.user_id WHERE v.created_at > $1 ORDER BY v.id LIMIT $2")) {
        Plan prepared = new PgExplainer(executor).explain(sql, false, false).plan();
        Plan generic;
        // GENERIC_PLAN plans without values only as a simple Query message (the test's own, trusted text).
        try (Statement native16 = c.createStatement()) {
          native16.unwrap(org.postgresql.core.BaseStatement.class).executeWithFlags(
              "EXPLAIN (GENERIC_PLAN, FORMAT JSON) " + sql, org.postgresql.core.QueryExecutor.QUERY_EXECUTE_AS_SIMPLE);
          try (var rs = native16.getResultSet()) {
            rs.next();
            generic = reader.read(rs.getString(1));
          }
        }
        c.rollback();

        assertThat(shape(prepared)).as(sql).isEqualTo(shape(generic));
      }
    }
  }

  private static List<String> shape(Plan plan) {
    return plan.nodes().stream().map(n -> n.kind() + " " + n.relation() + " " + n.conditions()).toList();
  }

  private static List<String> preparedStatements(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT name FROM pg_prepared_statements WHERE from_sql")) {
      List<String> names = new java.util.ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      return names;
    }
  }
}

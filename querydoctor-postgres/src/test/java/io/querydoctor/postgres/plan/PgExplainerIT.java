package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The safety contract of EXPLAIN on a live database, against the embedded server. */
@ExtendWith(EmbeddedPostgresExtension.class)
class PgExplainerIT {

  @BeforeAll
  static void createTable(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int)");
      s.execute("INSERT INTO accounts SELECT i, 100 FROM generate_series(1, 1000) i");
      s.execute("CREATE TABLE audit (note text)");
      s.execute("CREATE FUNCTION sneaky() RETURNS int LANGUAGE sql AS $$ INSERT INTO audit VALUES ('x'); SELECT 1 $$");
    }
  }

  private static long balanceSum(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT sum(balance) + (SELECT count(*) FROM audit) FROM accounts")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void writesAreOnlyPlannedUnlessAllowed(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      ExplainResult result = new PgExplainer(new SafeExecutor(c)).explain("UPDATE accounts SET balance = 0", true, false);

      assertThat(result.mode()).isEqualTo(ExplainMode.ESTIMATE);
      assertThat(result.plan().isAnalyzed()).isFalse();
      assertThat(result.note()).contains("--analyze-writes");
    }
    assertThat(balanceSum(db)).isEqualTo(100_000);
  }

  @Test
  void allowedWritesRunAndAreRolledBack(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      ExplainResult result = new PgExplainer(new SafeExecutor(c)).explain("UPDATE accounts SET balance = 0;", true, true);

      assertThat(result.mode()).isEqualTo(ExplainMode.ANALYZE_ROLLED_BACK);
      assertThat(result.note()).as("no sequence was used").isEmpty();
      assertThat(result.plan().isAnalyzed()).isTrue();
      assertThat(result.plan().root().kind()).isEqualTo(NodeKind.MODIFY);
      assertThat(result.plan().root().operation()).isEqualTo("Update");
    }
    assertThat(balanceSum(db)).isEqualTo(100_000);
  }

  @Test
  void aWriteHiddenInAReadIsStoppedByTheReadOnlyTransaction(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      PgExplainer explainer = new PgExplainer(new SafeExecutor(c));

      assertThatThrownBy(() -> explainer.explain("SELECT sneaky()", true, false))
          .isInstanceOf(SQLException.class).hasMessageContaining("read-only transaction");
    }
    assertThat(balanceSum(db)).isEqualTo(100_000);
  }

  @Test
  void chainedStatementsNeverReachTheServer(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      PgExplainer explainer = new PgExplainer(new SafeExecutor(c));

      assertThatThrownBy(() -> explainer.explain("SELECT 1; DROP TABLE accounts", true, true))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("several statements");
    }
    assertThat(balanceSum(db)).isEqualTo(100_000);
  }

  @Test
  void parameterisedStatementsGetAGenericPlan(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      ExplainResult result = new PgExplainer(new SafeExecutor(c))
          .explain("SELECT * FROM accounts WHERE id = $1 AND balance > $2", true, false);

      assertThat(result.mode()).isEqualTo(ExplainMode.GENERIC);
      assertThat(result.plan().isAnalyzed()).isFalse();
      assertThat(result.plan().root().kind()).isEqualTo(NodeKind.INDEX_SCAN);
      assertThat(result.plan().root().conditions().indexCond()).contains("$1");
    }
  }

  @Test
  void aStatementCallingNextvalIsOnlyPlannedEvenWithAnalyzeWrites(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE SEQUENCE IF NOT EXISTS tickets");
      PgExplainer explainer = new PgExplainer(new SafeExecutor(c));
      for (String sql : List.of("SELECT nextval('tickets')", "SELECT pg_catalog.setval('tickets', 42)",
          "INSERT INTO accounts VALUES (\"nextval\"('tickets'), 0)")) {
        ExplainResult result = explainer.explain(sql, true, true);

        assertThat(result.mode()).as(sql).isEqualTo(ExplainMode.ESTIMATE);
        assertThat(result.note()).as(sql).contains("nextval/setval", "rolled back");
      }
      try (ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM tickets")) {
        rs.next();
        assertThat(rs.getBoolean("is_called")).as("the sequence was never used").isFalse();
      }
    }
  }

  /** The caveat --analyze-writes documents: a sequence a column default calls is not rolled back. */
  @Test
  void aRolledBackInsertStillAdvancesTheSequenceOfItsSerialColumn(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS events (id bigserial PRIMARY KEY, note text)");
      ExplainResult result = new PgExplainer(new SafeExecutor(c)).explain("INSERT INTO events (note) VALUES ('x')",
          true, true);

      assertThat(result.mode()).isEqualTo(ExplainMode.ANALYZE_ROLLED_BACK);
      assertThat(result.note()).isEqualTo("the run was rolled back, but sequences are not: public.events_id_seq advanced");
      try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM events), is_called FROM events_id_seq")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
        assertThat(rs.getBoolean(2)).as("nextval is not transactional").isTrue();
      }
    }
  }

  @Test
  void statementTimeoutBoundsAnalyze(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      PgExplainer explainer = new PgExplainer(new SafeExecutor(c, Duration.ofMillis(300), Duration.ofSeconds(1)));

      assertThatThrownBy(() -> explainer.explain("SELECT pg_sleep(5)", true, false))
          .isInstanceOf(SQLException.class).hasMessageContaining("statement timeout");
    }
  }
}

package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.postgres.connect.SafeExecutor;
import io.querydoctor.postgres.plan.PgExplainer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The layers under {@code explain} on their own, on one long-lived session as a monitor would keep (issue 21 §1):
 * the corpus and generated texts go to the executor without the explainer's own check, and the session must still
 * be read-only, with standard-conforming strings, after every one of them.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class ExecutorFuzzIT {

  private static AuditedDatabase audited;
  private static SafeExecutor executor;

  @BeforeAll
  static void setUp(TestDatabase db) throws Exception {
    audited = AuditedDatabase.create(db);
    executor = new SafeExecutor(db.connect());
  }

  @AfterAll
  static void close() throws SQLException {
    executor.close();
  }

  private static List<String> texts() {
    List<String> texts = new ArrayList<>(SafetyCorpus.fixed());
    Random random = new Random(2121);
    for (int i = 0; i < 300; i++) {
      texts.add(SafetyCases.text(random));
    }
    return texts;
  }

  @Test
  void theExecutorSendsNoChainWhateverTheCallerChecked() throws Exception {
    for (String sql : texts()) {
      for (String explain : List.of("EXPLAIN (FORMAT JSON) ", "EXPLAIN (ANALYZE, FORMAT JSON) ")) {
        try {
          executor.queryUnprepared(explain + sql, rs -> rs.getString(1));
        } catch (SQLException expected) {
          // Refused, or the server rejected the one statement: either way nothing may have changed.
        }
        try {
          executor.queryUnpreparedRolledBack(explain + sql, rs -> rs.getString(1));
        } catch (SQLException expected) {
          // As above.
        }
        assertStillSafe(sql);
      }
    }
  }

  @Test
  void theExplainerOnOneSessionLeavesItReadOnly() throws Exception {
    PgExplainer explainer = new PgExplainer(executor);
    for (String sql : texts()) {
      for (boolean analyzeWrites : new boolean[] {false, true}) {
        try {
          explainer.explain(sql, true, analyzeWrites);
        } catch (SQLException | IllegalArgumentException expected) {
          // Refused: nothing may have changed.
        }
        assertStillSafe(sql);
      }
    }
  }

  @Test
  void chainsTheLexerCountsAreRefusedBeforeTheServerSeesThem() {
    for (String sql : texts()) {
      if (SafetyCorpus.statements(sql) > 1) {
        assertThatThrownBy(() -> executor.queryUnprepared(sql, rs -> rs.getString(1))).as(sql)
            .hasMessageContaining("several statements");
      }
    }
  }

  private static void assertStillSafe(String sql) throws SQLException {
    assertThat(audited.changes()).as(sql).isEmpty();
    assertThat(executor.<String>queryOne("SELECT current_setting('default_transaction_read_only') || ' '"
        + " || current_setting('transaction_read_only') || ' ' || current_setting('standard_conforming_strings')",
        rs -> rs.getString(1))).as(sql).isEqualTo("on on on");
  }
}

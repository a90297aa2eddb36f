package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The index a plan finding proposes is one the planner then uses for that very statement (#24): the DDL of the
 * fix is run on the embedded server and the statement explained again. Regression for an integer cast to text
 * ({@code abalance::text = '5'}) that got an index on the bare column, and for {@code = ANY} said not to be
 * indexable.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class IndexFixIsTrueIT {

  @BeforeAll
  static void createData(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE fix_accounts (aid int PRIMARY KEY, abalance int NOT NULL, email varchar(80) NOT NULL,"
          + " owner_id int NOT NULL, filler text)");
      s.execute("INSERT INTO fix_accounts SELECT g, g % 100000, 'user' || g || '@example.com', g % 50000,"
          + " repeat('x', 40) FROM generate_series(1, 100000) g");
      s.execute("ANALYZE fix_accounts");
    }
  }

  private static Finding proposal(TestDatabase db, String sql, String rule) throws Exception {
    try (Connection c = db.connect()) {
      var explained = ExplainService.withDefaults().explain(new SafeExecutor(c), sql, true, false, "q");
      return explained.analysis().reportFindings().stream().filter(f -> f.ruleId().equals(rule))
          .findFirst().orElseThrow(() -> new AssertionError("no " + rule + " for " + sql + "\n" + explained.tree()));
    }
  }

  private static void assertTheFixIsUsed(TestDatabase db, String sql, Finding finding) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (String ddl : finding.fix().sql().split(";\n")) {
        s.execute(ddl);
      }
      s.execute("ANALYZE fix_accounts");
    }
    try (Connection c = db.connect()) {
      var explained = ExplainService.withDefaults().explain(new SafeExecutor(c), sql, true, false, "q");
      assertThat(explained.analysis().plan().nodes()).as(explained.tree())
          .anyMatch(n -> n.kind() == NodeKind.INDEX_SCAN || n.kind() == NodeKind.BITMAP_INDEX_SCAN
              || n.kind() == NodeKind.INDEX_ONLY_SCAN)
          .noneMatch(n -> n.kind() == NodeKind.SEQ_SCAN);
    }
  }

  @Test
  void anIntegerComparedAsTextGetsTheExpressionIndexAndThePlannerUsesIt(TestDatabase db) throws Exception {
    String sql = "SELECT * FROM fix_accounts WHERE abalance::text = '5'";
    Finding finding = proposal(db, sql, "non-sargable-predicate");
    assertThat(finding.fix().sql()).contains("((abalance)::text)");
    assertTheFixIsUsed(db, sql, finding);
  }

  @Test
  void aVarcharColumnGetsThePlainIndexAndThePlannerUsesIt(TestDatabase db) throws Exception {
    String sql = "SELECT * FROM fix_accounts WHERE email = 'user77@example.com'";
    Finding finding = proposal(db, sql, "seq-scan-large-table");
    assertThat(finding.fix().sql()).endsWith("fix_accounts (email);");
    assertTheFixIsUsed(db, sql, finding);
  }

  @Test
  void equalsAnyIsIndexedAndThePlannerUsesIt(TestDatabase db) throws Exception {
    String sql = "SELECT * FROM fix_accounts WHERE owner_id = ANY (ARRAY[3, 7, 11])";
    Finding finding = proposal(db, sql, "seq-scan-large-table");
    assertThat(finding.fix().sql()).endsWith("fix_accounts (owner_id);");
    assertTheFixIsUsed(db, sql, finding);
  }

  @Test
  void aLeftAnchoredLikeGetsAPatternOpsIndexAndThePlannerUsesIt(TestDatabase db) throws Exception {
    String sql = "SELECT * FROM fix_accounts WHERE filler LIKE 'user%'";
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("UPDATE fix_accounts SET filler = 'user' || aid WHERE aid % 10000 = 0");
      s.execute("ANALYZE fix_accounts");
    }
    Finding finding = proposal(db, sql, "seq-scan-large-table");
    assertThat(finding.fix().sql()).endsWith("(filler text_pattern_ops);");
    assertTheFixIsUsed(db, sql, finding);
  }
}

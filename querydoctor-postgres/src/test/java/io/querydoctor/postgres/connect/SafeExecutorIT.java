package io.querydoctor.postgres.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each guard of the executor on its own, against the embedded server (issue 21 §1): a read-only session, one
 * statement through the extended protocol, and what must keep working through it ({@code $1} in a generic plan,
 * jsonb's {@code ?}, a read-write transaction that is rolled back, PREPARE).
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class SafeExecutorIT {

  @BeforeAll
  static void createTable(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE notes (id int PRIMARY KEY, body jsonb)");
      s.execute("INSERT INTO notes SELECT i, jsonb_build_object('a', i) FROM generate_series(1, 100) i");
    }
  }

  private static long notes(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM notes")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void theSessionIsReadOnlySoACommitThatSlippedThroughOpensAnotherReadOnlyTransaction(TestDatabase db)
      throws SQLException {
    try (Connection c = db.connect()) {
      new SafeExecutor(c);
      // What the old escape did: end the executor's transaction, then write in the next one.
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.execute("COMMIT; DELETE FROM notes"))
            .hasMessageContaining("cannot execute DELETE in a read-only transaction");
        assertThatThrownBy(() -> s.execute("DELETE FROM notes"))
            .hasMessageContaining("cannot execute DELETE in a read-only transaction");
      }
    }
    assertThat(notes(db)).isEqualTo(100);
  }

  @Test
  void chainedTextIsRefusedBeforeItIsSentEvenWhenTheCallerDidNotCheckIt(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      SafeExecutor executor = new SafeExecutor(c);
      for (String sql : List.of("SELECT 1; DELETE FROM notes", "SELECT E'\\''; COMMIT; DELETE FROM notes; --'",
          "SELECT 1 AS a$b$; COMMIT; DELETE FROM notes; -- $b$")) {
        assertThatThrownBy(() -> executor.queryUnprepared(sql, rs -> rs.getString(1)))
            .as(sql).isInstanceOf(SQLException.class).hasMessageContaining("several statements");
        assertThatThrownBy(() -> executor.queryUnpreparedRolledBack(sql, rs -> rs.getString(1)))
            .as(sql).isInstanceOf(SQLException.class).hasMessageContaining("several statements");
      }
      assertThat(executor.queryUnprepared("SELECT 1;", rs -> rs.getInt(1))).containsExactly(1);
    }
    assertThat(notes(db)).isEqualTo(100);
  }

  /**
   * pgjdbc reads a no-break space as a separator, so it takes {@code $x$} after one for a dollar quote; the server
   * reads it as part of the name {@code x $x$}, and the rest as two more statements. Sent as one simple Query
   * message the DELETE runs; as one Parse message the server refuses the text. The executor's lexer refuses it
   * before either.
   */
  @Test
  void oneParseMessageHoldsOneStatementEvenWhereTheDriverMisreadsTheText(TestDatabase db) throws SQLException {
    String misread = "SELECT 1 AS x\u00a0$x$; DELETE FROM scratch; -- $x$";
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE scratch AS SELECT 1 AS x");
      assertThatThrownBy(() -> s.execute(misread))
          .hasMessageContaining("cannot insert multiple commands into a prepared statement");
      assertThatThrownBy(() -> new SafeExecutor(c).queryUnprepared(misread, rs -> rs.getInt(1)))
          .hasMessageContaining("several statements");
      c.setAutoCommit(true);
      s.unwrap(org.postgresql.core.BaseStatement.class).executeWithFlags("SET default_transaction_read_only = off; "
          + misread, org.postgresql.core.QueryExecutor.QUERY_EXECUTE_AS_SIMPLE);
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM scratch")) {
        rs.next();
        assertThat(rs.getInt(1)).as("the simple protocol ran the DELETE").isZero();
      }
    }
  }

  @Test
  void userTextGoesThroughTheExtendedProtocolEvenWhenTheUrlAsksForTheSimpleOne(TestDatabase db) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", db.user());
    properties.setProperty("preferQueryMode", "simple");
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), properties)) {
      SafeExecutor executor = new SafeExecutor(c);
      // A $1 outside a generic plan: the simple protocol says "there is no parameter $1", the extended one
      // counts it as the Parse message's parameter and wants a value for it.
      assertThatThrownBy(() -> executor.queryUnprepared("SELECT $1::int", rs -> rs.getInt(1)))
          .hasMessageContaining("bind message supplies 0 parameters");
    }
  }

  @Test
  void aGenericPlanOfAParameterisedStatementStillWorks(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      SafeExecutor executor = new SafeExecutor(c);
      String sql = "SELECT * FROM notes WHERE id = $1 AND body ? $2";
      String json = String.join("\n", executor.explainGeneric(sql, "FORMAT JSON"));

      assertThat(json).contains("(id = $1)").contains("(body ? $2)");
      // A second call (and one after a failure) finds no prepared statement left over.
      assertThatThrownBy(() -> executor.explainGeneric("SELECT no_such_column FROM notes WHERE id = $1", "FORMAT JSON"))
          .isInstanceOf(SQLException.class);
      assertThat(executor.explainGeneric(sql, "FORMAT JSON")).isNotEmpty();
      assertThatThrownBy(() -> executor.explainGeneric("SELECT $1::int; DELETE FROM notes", "FORMAT JSON"))
          .hasMessageContaining("several statements");
    }
    assertThat(notes(db)).isEqualTo(100);
  }

  /** Why generic plans are not EXPLAIN (GENERIC_PLAN) through the extended protocol (see GenericPlans). */
  @Test
  void throughTheExtendedProtocolGenericPlanWantsValuesAndFoldsThemIn(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      Assumptions.assumeTrue(c.getMetaData().getDatabaseMajorVersion() >= 16, "EXPLAIN (GENERIC_PLAN) needs 16+");
      String explain = "EXPLAIN (GENERIC_PLAN) SELECT * FROM notes WHERE id = ";
      try (Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.execute(explain + "$1")).hasMessageContaining("bind message supplies 0 parameters");
      }
      try (java.sql.PreparedStatement p = c.prepareStatement(explain + "?")) {
        p.setNull(1, java.sql.Types.OTHER);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          assertThat(rs.getString(1)).startsWith("Result");
          rs.next();
          assertThat(rs.getString(1)).contains("One-Time Filter: false");
        }
      }
    }
  }

  @Test
  void jsonbQuestionMarkOperatorsAreNotPlaceholders(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      SafeExecutor executor = new SafeExecutor(c);

      assertThat(executor.queryUnprepared("SELECT count(*) FROM notes WHERE body ? 'a' AND body ?| array['a'] "
          + "AND body ?& array['a']", rs -> rs.getLong(1))).containsExactly(100L);
    }
  }

  @Test
  void prepareAndExecuteWorkThroughTheExtendedProtocol(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      SafeExecutor executor = new SafeExecutor(c);
      List<String> plan = executor.inReadOnlyTransaction(() -> {
        executor.queryUnprepared("PREPARE q(int) AS SELECT * FROM notes WHERE id = $1", rs -> "");
        List<String> rows = executor.queryUnprepared("EXPLAIN (FORMAT JSON) EXECUTE q(NULL)", rs -> rs.getString(1));
        executor.queryUnprepared("DEALLOCATE q", rs -> "");
        return rows;
      });

      assertThat(plan).isNotEmpty();
    }
  }

  @Test
  void analyzingAWriteOpensOneReadWriteTransactionAndRollsItBack(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      SafeExecutor executor = new SafeExecutor(c);

      assertThat(executor.queryUnpreparedRolledBack("EXPLAIN (ANALYZE, FORMAT JSON) DELETE FROM notes",
          rs -> rs.getString(1)).get(0)).contains("\"Actual Rows\"");
      assertThat(executor.<String>queryOne("SELECT current_setting('default_transaction_read_only')", rs -> rs.getString(1)))
          .isEqualTo("on");
    }
    assertThat(notes(db)).isEqualTo(100);
  }

  @Test
  void aSandboxSharingTheConnectionCanStillApplyAndTheSessionStaysReadOnlyAfter(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      SafeExecutor executor = new SafeExecutor(c);
      SandboxExecutor sandbox = new SandboxExecutor(c, Duration.ofSeconds(10), Duration.ofSeconds(1));

      sandbox.apply(List.of("CREATE INDEX notes_body ON notes USING gin (body)", "DROP INDEX notes_body"));

      assertThat(executor.<String>queryOne("SELECT current_setting('default_transaction_read_only')", rs -> rs.getString(1)))
          .isEqualTo("on");
      assertThatThrownBy(() -> sandbox.executeAndDrain("SELECT 1; DELETE FROM notes"))
          .hasMessageContaining("several statements");
    }
    assertThat(notes(db)).isEqualTo(100);
  }
}

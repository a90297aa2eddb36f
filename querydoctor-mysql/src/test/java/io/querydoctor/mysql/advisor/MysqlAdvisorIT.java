package io.querydoctor.mysql.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.advisor.AdvisorSettings;
import io.querydoctor.core.advisor.IndexCandidate;
import io.querydoctor.core.advisor.IndexMethod;
import io.querydoctor.core.advisor.SortKey;
import io.querydoctor.core.advisor.WhatIfException;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.mysql.embedded.EmbeddedMariaDb;
import io.querydoctor.mysql.embedded.EmbeddedMariaDbExtension;
import io.querydoctor.mysql.embedded.TestMariaDb;
import io.querydoctor.mysql.plan.PlanSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The advisor on the real MariaDB: candidates built on a declared sandbox database and planned, core's selection
 * picks, the what-if indexes are gone afterwards, the proposed DDL is used by the server, and the other database on
 * the same server (the "production" target) never sees a DDL — proved by its schema and the general query log.
 */
@ExtendWith(EmbeddedMariaDbExtension.class)
class MysqlAdvisorIT {

  private static final List<MysqlIndexAdvisor.Statement> WORKLOAD = List.of(
      new MysqlIndexAdvisor.Statement("SELECT * FROM orders WHERE customer_id = 42", 600),
      new MysqlIndexAdvisor.Statement("SELECT id, note FROM orders ORDER BY note LIMIT 10", 300),
      new MysqlIndexAdvisor.Statement("SELECT id FROM customers WHERE id = 5", 100));

  private static String sandboxName;

  @BeforeAll
  static void databases(TestMariaDb target, EmbeddedMariaDb server) throws SQLException {
    sandboxName = server.createUniqueDatabase("sandbox");
    for (String db : List.of(target.name(), sandboxName)) {
      try (Connection c = server.connect(db); Statement s = c.createStatement()) {
        PlanSchema.load(s);
      }
    }
  }

  private static SandboxDatabase sandbox(EmbeddedMariaDb server) throws SQLException {
    return new SandboxDatabase(server.connect(sandboxName), 60);
  }

  @Test
  void proposesTheIndexesTheServerUsesAndLeavesNothingElsewhere(TestMariaDb target, EmbeddedMariaDb server)
      throws Exception {
    List<String> targetSchemaBefore = schema(server, target.name());
    List<String> sandboxIndexesBefore = indexes(server, sandboxName);
    MysqlIndexAdvisor.Result result;
    List<String> alters;
    try (Connection admin = server.connect(target.name()); Statement log = admin.createStatement()) {
      String output = single(log, "SELECT @@GLOBAL.log_output");
      log.execute("SET GLOBAL log_output = 'TABLE'");
      log.execute("TRUNCATE TABLE mysql.general_log");
      log.execute("SET GLOBAL general_log = 'ON'");
      try (SandboxDatabase sandbox = sandbox(server)) {
        result = new MysqlIndexAdvisor(MysqlIndexAdvisor.settingsFor(sandbox, null)).advise(sandbox, new BuiltIndexWhatIf(sandbox),
            WORKLOAD);
      } finally {
        log.execute("SET GLOBAL general_log = 'OFF'");
        log.execute("SET GLOBAL log_output = '" + output + "'");
      }
      alters = column(log, "SELECT CONVERT(argument USING utf8mb4) FROM mysql.general_log WHERE command_type = 'Query' "
          + "AND UPPER(CONVERT(argument USING utf8mb4)) LIKE 'ALTER%'");
    }
    assertThat(alters).as(result.advice().toString()).isNotEmpty().allSatisfy(sql -> assertThat(sql).contains("`" + sandboxName + "`.")
        .doesNotContain("`" + target.name() + "`"));
    assertThat(schema(server, target.name())).isEqualTo(targetSchemaBefore);
    assertThat(indexes(server, sandboxName)).as("what-if indexes dropped").isEqualTo(sandboxIndexesBefore);

    assertThat(result.findings()).extracting(Finding::ruleId).containsOnly("missing-index");
    assertThat(result.ddl()).contains(
        "ALTER TABLE `orders` ADD INDEX `idx_orders_customer_id` (`customer_id`), ALGORITHM=INPLACE, LOCK=NONE;");
    // MariaDB's cost of ORDER BY … LIMIT barely credits an index in sort order: rejected, with its reason (the
    // search may turn it down on the budget before the 20 % bar is asked, since it gains so little per byte).
    assertThat(result.advice().rejected()).anySatisfy(r -> {
      assertThat(r.index().keyColumns()).isEqualTo("note");
      assertThat(r.reason()).containsAnyOf("needs 20 %", "over budget");
    });
    // Already cheap (a primary-key lookup): no index proposed, the query is listed as skipped with why.
    assertThat(result.advice().skipped()).anySatisfy(s -> assertThat(s.reason()).startsWith("already cheap"));
    assertThat(result.advice().method()).contains("sandbox");

    // The fix is true: built on the sandbox, the server's plan uses it.
    try (SandboxDatabase sandbox = sandbox(server); Statement s = sandbox.connection().createStatement()) {
      s.execute(result.ddl().get(result.ddl().indexOf(
          "ALTER TABLE `orders` ADD INDEX `idx_orders_customer_id` (`customer_id`), ALGORITHM=INPLACE, LOCK=NONE;")));
      try {
        assertThat(single(s, "EXPLAIN FORMAT=JSON SELECT * FROM orders WHERE customer_id = 42"))
            .contains("\"key\": \"idx_orders_customer_id\"");
      } finally {
        s.execute("ALTER TABLE orders DROP INDEX idx_orders_customer_id");
      }
    }
  }

  @Test
  void ignoringAnIndexShowsWhetherTheWorkloadNeedsItAndPutsItBack(EmbeddedMariaDb server) throws SQLException {
    try (SandboxDatabase sandbox = sandbox(server)) {
      IgnoredIndexWhatIf whatIf = new IgnoredIndexWhatIf(sandbox);
      List<String> byStatus = List.of("SELECT * FROM orders WHERE status = 'open'");
      IgnoredIndexWhatIf.DropEffect needed = whatIf.withoutIndex("orders", "idx_orders_status", byStatus);
      assertThat(needed.without().get(0)).isGreaterThan(needed.before().get(0));
      assertThat(needed.droppable()).isFalse();
      IgnoredIndexWhatIf.DropEffect unused = whatIf.withoutIndex("orders", "idx_orders_created_at", byStatus);
      assertThat(unused.droppable()).isTrue();
      try (Statement s = sandbox.connection().createStatement()) {
        assertThat(column(s, "SELECT ignored FROM information_schema.statistics WHERE table_schema = DATABASE() "
            + "AND table_name = 'orders'")).containsOnly("NO");
      }
    }
  }

  @Test
  void refusesTablesOutsideTheSandbox(TestMariaDb target, EmbeddedMariaDb server) throws SQLException {
    try (Connection c = server.connect(target.name()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE only_in_target (id INT PRIMARY KEY, v INT)");
    }
    try (SandboxDatabase sandbox = sandbox(server)) {
      BuiltIndexWhatIf whatIf = new BuiltIndexWhatIf(sandbox);
      IndexCandidate elsewhere = new IndexCandidate("only_in_target", IndexMethod.BTREE,
          List.of(SortKey.ascending("v")), List.of(), null, null);
      assertThatThrownBy(() -> whatIf.plan(List.of(), Set.of(elsewhere))).isInstanceOf(WhatIfException.class)
          .hasMessageContaining("not in the sandbox database");
      assertThatThrownBy(() -> new IgnoredIndexWhatIf(sandbox).withoutIndex("only_in_target", "PRIMARY", List.of()))
          .isInstanceOf(SQLException.class).hasMessageContaining("not in the sandbox database");
    }
    assertThat(indexes(server, target.name())).noneMatch(i -> i.contains("qd_whatif"));
  }

  private static List<String> schema(EmbeddedMariaDb server, String db) throws SQLException {
    List<String> ddl = new ArrayList<>();
    try (Connection c = server.connect(db); Statement s = c.createStatement()) {
      for (String table : column(s, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
          + "ORDER BY table_name")) {
        try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE `" + table + "`")) {
          rs.next();
          ddl.add(rs.getString(2));
        }
      }
    }
    return ddl;
  }

  private static List<String> indexes(EmbeddedMariaDb server, String db) throws SQLException {
    try (Connection c = server.connect(db); Statement s = c.createStatement()) {
      return column(s, "SELECT CONCAT(table_name, '.', index_name, '.', column_name, '.', ignored) FROM "
          + "information_schema.statistics WHERE table_schema = DATABASE() ORDER BY 1");
    }
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static List<String> column(Statement s, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}

package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain --plan} recognises MySQL/MariaDB plans (JSON and tree) and reports them as it does PostgreSQL's. */
class MysqlExplainTest {

  private static final Path PLANS = Path.of("..", "querydoctor-mysql", "src", "test", "resources", "plans");

  @Test
  void mariadbAnalyzeJsonGivesTheTreeAndTheFindingWithTheMysqlFix() {
    CliRun run = CliRun.of("explain", "--plan", PLANS.resolve("mariadb/full-scan.analyze.json").toString(), "-q");
    assertThat(run.exitCode()).isIn(0, 1);
    assertThat(run.out()).contains("Table scan on orders").contains("seq-scan-large-table")
        .contains("ALTER TABLE `orders` ADD INDEX `idx_orders_customer_id` (`customer_id`), ALGORITHM=INPLACE, "
            + "LOCK=NONE;").contains("MariaDB");
  }

  @Test
  void mysqlTreeAndJsonPlansInEveryFormat() throws Exception {
    String tree = PLANS.resolve("mysql/sakila-date-filter.tree.txt").toString();
    JsonNode json = new ObjectMapper().readTree(CliRun.of("explain", "--plan", tree, "--format", "json", "-q").out());
    assertThat(json.get("plans").get(0).get("root")).isNotNull();
    assertThat(json.toString()).contains("\"ruleId\":\"non-sargable-predicate\"").contains("INTERVAL ? DAY");
    String markdown = CliRun.of("explain", "--plan", PLANS.resolve("mysql/hash-join-no-index.json").toString(),
        "--format", "markdown", "-q").out();
    assertThat(markdown).contains("join-buffer").contains("`idx_b_product_id`");
  }

  @Test
  void aHealthyMysqlPlanExitsZero() {
    CliRun run = CliRun.of("explain", "--plan", PLANS.resolve("mysql/hash-join-indexed.json").toString(), "-q");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("The plan looks fine");
  }

  @Test
  void aBrokenMysqlPlanIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
    Path flat = PLANS.resolve("mysql/adventureworks-group.tree.txt");
    CliRun run = CliRun.of("explain", "--plan", flat.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errorLine()).contains("indentation was lost");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    Path json = dir.resolve("broken.json");
    Files.writeString(json, "{\"query_block\": {\"select_id\": 1, \"nested_loop\": [");
    CliRun broken = CliRun.of("explain", "--plan", json.toString());
    assertThat(broken.exitCode()).isEqualTo(2);
    assertThat(broken.errorLine()).contains("not valid JSON");
  }
}

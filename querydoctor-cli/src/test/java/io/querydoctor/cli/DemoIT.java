package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code querydoctor demo} end to end at scale 0.1: the planted problems are reported by the analyzer that
 * should see each (catalog, capture, plans), the healthy control is left alone, and the JSON is valid.
 */
class DemoIT {

  private static CliRun run;
  private static JsonNode report;

  @BeforeAll
  static void runDemo() throws Exception {
    run = CliRun.of("demo", "--scale", "0.1", "--format", "json", "-q");
    report = new ObjectMapper().readTree(run.out());
  }

  @Test
  void exitsCleanWithAReportThatFollowsTheSchema() throws Exception {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    var errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(Files.readString(Path.of("..", "docs", "report.schema.json"))).validate(report);
    assertThat(errors).isEmpty();
  }

  @Test
  void reportsThePlantedCatalogProblems() {
    assertThat(keys()).contains(
        "missing-fk-index:public.posts(user_id)",
        "stale-statistics:public.orders",
        "duplicate-index:public.products_category_idx2",
        "redundant-index:public.products_category_idx");
    assertThat(rulesAbout("session")).as("the refund transaction left idle and the shipment it blocks")
        .contains("idle-in-transaction", "lock-contention");
    assertThat(keys()).as("the healthy control's indexed foreign keys")
        .doesNotContain("missing-fk-index:public.comments(post_id)", "missing-fk-index:public.order_items(order_id)");
  }

  @Test
  void reportsThePlantedCaptureProblemsWithTheirCallSites() {
    assertThat(rules()).contains("n-plus-one", "unbatched-writes", "long-transaction", "offset-pagination",
        "too-many-queries");
    JsonNode nPlusOne = first("n-plus-one");
    assertThat(nPlusOne.get("title").asText()).contains("GET /users-with-posts")
        .contains("DemoWorkload.lambda$usersWithPosts");
    assertThat(nPlusOne.get("fix").get("sql").asText()).contains("= ANY (?)");
    assertThat(first("unbatched-writes").get("title").asText()).contains("POST /orders").contains("DemoWorkload");
    assertThat(first("long-transaction").get("title").asText()).contains("POST /orders/{id}/refund");
    assertThat(rules()).as("the demo borrows its connections like a pool would").doesNotContain("connection-churn");
  }

  @Test
  void reportsThePlantedPlanProblemOfTheCostliestStatements() {
    assertThat(keys()).contains("non-sargable-predicate:posts(created_at)");
    assertThat(first("non-sargable-predicate").get("fix").toString()).contains("created_at >=");
  }

  @Test
  void saysNothingAboveInfoAboutTheHealthyControl() {
    List<String> healthyIndexes = List.of("users_email_key", "comments_post_id_idx", "comments_user_id_idx",
        "orders_user_id_idx", "order_items_order_id_idx", "products_sku_key");
    for (JsonNode finding : report.get("findings")) {
      if (finding.get("severity").asText().equals("info")) {
        continue;
      }
      String text = finding.get("title").asText() + " " + finding.get("subject").get("name").asText();
      assertThat(text).as(finding.toString()).doesNotContain("GET /users/{id}/profile");
      for (String index : healthyIndexes) {
        assertThat(text).as(finding.toString()).doesNotContain(index);
      }
    }
  }

  private static List<String> keys() {
    List<String> keys = new ArrayList<>();
    report.get("findings").forEach(f -> keys.add(f.get("ruleId").asText() + ":" + f.get("subject").get("name").asText()));
    return keys;
  }

  private static List<String> rules() {
    List<String> rules = new ArrayList<>();
    report.get("findings").forEach(f -> rules.add(f.get("ruleId").asText()));
    return rules;
  }

  private static List<String> rulesAbout(String subjectKind) {
    List<String> rules = new ArrayList<>();
    report.get("findings").forEach(f -> {
      if (f.get("subject").get("kind").asText().equals(subjectKind)) {
        rules.add(f.get("ruleId").asText());
      }
    });
    return rules;
  }

  private static JsonNode first(String rule) {
    for (JsonNode finding : report.get("findings")) {
      if (finding.get("ruleId").asText().equals(rule)) {
        return finding;
      }
    }
    throw new AssertionError("no " + rule + " finding in " + keys());
  }
}

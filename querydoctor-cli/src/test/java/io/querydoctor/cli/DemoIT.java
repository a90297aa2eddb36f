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
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.demo.workload.DemoQueries;
import io.querydoctor.demo.workload.PlantedProblem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code querydoctor demo} end to end at scale 1 (the heavy aggregation needs its million comments), with
 * verification: every planted problem is reported, as a finding or merged into one; the healthy control is left
 * alone; the fixes that can be applied are measured; and the JSON is valid.
 */
class DemoIT {

  private static CliRun run;
  private static JsonNode report;

  @BeforeAll
  static void runDemo() throws Exception {
    run = CliRun.of("demo", "--scale", "1", "--format", "json", "-q");
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
  void reportsEveryPlantedProblemAsAFindingOrMergedIntoOne() {
    List<String> rules = rules();
    for (PlantedProblem problem : PlantedProblem.values()) {
      assertThat(rules).as(problem + ": " + problem.description()).containsAnyElementsOf(problem.ruleIds());
    }
  }

  /** docs/demo.md lists each problem's rule ids (as {@link PlantedProblem} does): every one is in the report. */
  @Test
  void reportsEveryRuleIdTheDemoDocsPromise() throws Exception {
    List<String> rules = rules();
    String docs = Files.readString(Path.of("..", "docs", "demo.md"));
    for (PlantedProblem problem : PlantedProblem.values()) {
      for (String rule : problem.ruleIds()) {
        assertThat(docs).as("docs/demo.md lists " + rule).contains("`" + rule + "`");
      }
      assertThat(rules).as(problem + ": " + problem.description()).containsAll(problem.ruleIds());
    }
  }

  @Test
  void mergesTheMissingIndexWithTheN1AndTheScansItCauses() {
    // The advisor's index for posts heads the group when it runs; the catalog's foreign-key finding otherwise.
    JsonNode head = heads().stream()
        .filter(f -> f.get("subject").get("name").asText().startsWith("public.posts(user_id"))
        .filter(f -> List.of("missing-index", "missing-fk-index").contains(f.get("ruleId").asText()))
        .findFirst().orElseThrow(() -> new AssertionError("no index finding on posts(user_id…) heads a group"));
    List<String> merged = new ArrayList<>();
    head.get("supporting").forEach(f -> merged.add(f.get("ruleId").asText()));
    assertThat(merged).contains("n-plus-one", "seq-scan-large-table", "missing-fk-index");
    assertThat(head.get("severity").asText()).isEqualTo("high");
  }

  @Test
  void measuresTheFixesItCanApplyBeforeAndAfter() {
    for (String rule : List.of("missing-fk-index", "n-plus-one", "non-sargable-predicate", "offset-pagination",
        "heavy-aggregation")) {
      JsonNode verification = first(rule).get("verification");
      assertThat(verification).as(rule + " is verified").isNotNull();
      assertThat(verification.get("method").asText()).isEqualTo("measured");
      assertThat(verification.get("runs").asInt()).isGreaterThanOrEqualTo(5);
      assertThat(verification.get("before").asDouble() / verification.get("after").asDouble())
          .as(rule + ": an index, a batch or a rewrite is many times faster").isGreaterThan(5);
      assertThat(verification.get("p95Before").asDouble()).isGreaterThanOrEqualTo(verification.get("before").asDouble());
    }
    for (String rule : List.of("unbatched-writes", "stale-statistics", "sort-spill")) {
      assertThat(first(rule).get("verification")).as(rule + " is measured (its effect is small here)").isNotNull();
    }
    assertThat(report.get("skipped").toString()).as("no trial failed").doesNotContain("could not be measured");
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
    assertThat(heads()).filteredOn(f -> f.get("ruleId").asText().equals("long-transaction")).singleElement()
        .satisfies(head -> assertThat(head.get("supporting").toString()).as("merged with the waits it causes")
            .contains("idle-in-transaction", "lock-contention"));
    assertThat(keys()).as("the healthy control's indexed foreign keys")
        .doesNotContain("missing-fk-index:public.comments(post_id)", "missing-fk-index:public.order_items(order_id)");
  }

  @Test
  void reportsThePlantedCaptureProblemsWithTheirCallSites() {
    assertThat(rules()).contains("n-plus-one", "unbatched-writes", "long-transaction", "offset-pagination",
        "too-many-queries");
    JsonNode nPlusOne = first("n-plus-one");
    assertThat(nPlusOne.get("title").asText()).contains("GET /users-with-posts")
        .contains("DemoWorkload.usersWithPosts(");
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
    for (JsonNode finding : all()) {
      if (finding.get("severity").asText().equals("info")) {
        continue;
      }
      String text = finding.get("title").asText() + " " + finding.get("subject").get("name").asText()
          + (finding.has("concerns") ? finding.get("concerns").toString() : "");
      for (String query : DemoQueries.HEALTHY) {
        String fingerprint = SqlFingerprinter.of(SqlDialect.POSTGRESQL).fingerprint(query).id();
        assertThat(text).as("a healthy query: " + query + " in " + finding).doesNotContain(fingerprint);
      }
      assertThat(text).as(finding.toString()).doesNotContain("GET /users/{id}/profile");
      for (String index : healthyIndexes) {
        assertThat(text).as(finding.toString()).doesNotContain(index);
      }
    }
  }

  private static List<JsonNode> heads() {
    List<JsonNode> heads = new ArrayList<>();
    report.get("findings").forEach(heads::add);
    return heads;
  }

  /** Every finding, merged ones included: a planted problem may be reported as evidence of another's cause. */
  private static List<JsonNode> all() {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode head : report.get("findings")) {
      all.add(head);
      if (head.has("supporting")) {
        head.get("supporting").forEach(all::add);
      }
    }
    return all;
  }

  private static List<String> keys() {
    List<String> keys = new ArrayList<>();
    all().forEach(f -> keys.add(f.get("ruleId").asText() + ":" + f.get("subject").get("name").asText()));
    return keys;
  }

  private static List<String> rules() {
    List<String> rules = new ArrayList<>();
    all().forEach(f -> rules.add(f.get("ruleId").asText()));
    return rules;
  }

  private static List<String> rulesAbout(String subjectKind) {
    List<String> rules = new ArrayList<>();
    all().forEach(f -> {
      if (f.get("subject").get("kind").asText().equals(subjectKind)) {
        rules.add(f.get("ruleId").asText());
      }
    });
    return rules;
  }

  private static JsonNode first(String rule) {
    for (JsonNode finding : all()) {
      if (finding.get("ruleId").asText().equals(rule)) {
        return finding;
      }
    }
    throw new AssertionError("no " + rule + " finding in " + keys());
  }
}

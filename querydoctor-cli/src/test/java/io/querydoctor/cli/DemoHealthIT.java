package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's catalog-side planted problems are reported by the health checks, each about the right subject. */
class DemoHealthIT {

  @Test
  void demoReportsItsPlantedCatalogProblems() throws Exception {
    CliRun run = CliRun.of("demo", "--scale", "0.1", "--format", "json", "-q");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    List<String> keys = new ArrayList<>();
    List<String> sessionRules = new ArrayList<>();
    for (JsonNode finding : new ObjectMapper().readTree(run.out()).get("findings")) {
      String rule = finding.get("ruleId").asText();
      keys.add(rule + ":" + finding.get("subject").get("name").asText());
      if (finding.get("subject").get("kind").asText().equals("session")) {
        sessionRules.add(rule);
      }
    }
    assertThat(keys).contains(
        "missing-fk-index:public.posts(user_id)",
        "stale-statistics:public.orders",
        "duplicate-index:public.products_category_idx2",
        "redundant-index:public.products_category_idx");
    assertThat(sessionRules).as("the refund transaction left idle and the shipment it blocks")
        .contains("idle-in-transaction", "lock-contention");
    assertThat(keys).as("the healthy control's indexed foreign keys")
        .doesNotContain("missing-fk-index:public.comments(post_id)", "missing-fk-index:public.order_items(order_id)");
  }
}

package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Regression (#24): explain's HTML, JSON and Markdown reports had no plan tree (only the terminal had it), and the
 * HTML drew a chart of time per hour from "1 call/h assumed".
 */
class ExplainFormatsTest {

  private static final Path PLAN = Path.of("..", "querydoctor-postgres", "src", "test", "resources", "plans", "pg",
      "seq-scan-large-table-fires.json");

  @Test
  void everyFormatCarriesThePlanTreeWithTheFindingsOnItsNodes() throws Exception {
    JsonNode json = new ObjectMapper().readTree(CliRun.of("explain", "--plan", PLAN.toString(), "--format", "json",
        "-q").out());
    JsonNode root = json.get("plans").get(0).get("root");
    assertThat(root).isNotNull();
    assertThat(json.toString()).contains("Seq Scan").contains("\"ruleId\":\"seq-scan-large-table\"");

    String markdown = CliRun.of("explain", "--plan", PLAN.toString(), "--format", "markdown", "-q").out();
    assertThat(markdown).contains("Seq Scan").containsIgnoringCase("plan");

    String html = CliRun.of("explain", "--plan", PLAN.toString(), "--format", "html", "-q").out();
    assertThat(html).contains("Seq Scan").doesNotContain("chart-impact");
  }

  @Test
  void theTerminalShowsTheTreeOnceBeforeTheReport() {
    String text = CliRun.of("explain", "--plan", PLAN.toString(), "-q", "--verbose").out();
    assertThat(text).contains("Seq Scan").doesNotContain("Query query:").doesNotContain("queries explained");
  }
}

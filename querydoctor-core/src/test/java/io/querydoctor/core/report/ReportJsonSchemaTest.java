package io.querydoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportJsonSchemaTest {

  static final Path SCHEMA = Path.of("..", "docs", "report.schema.json");

  static Set<ValidationMessage> validate(String json) throws IOException {
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(Files.readString(SCHEMA));
    return schema.validate(new ObjectMapper().readTree(json));
  }

  @Test
  void fullReportMatchesTheDocumentedSchema() throws IOException {
    String json = render(SampleReports.full());
    assertThat(validate(json)).isEmpty();
  }

  @Test
  void reportWithPlansAndMergedFindingsMatchesTheSchema() throws IOException {
    String json = render(HostileReports.full());
    assertThat(json).contains("\"plans\"").contains("\"children\"").contains("\"supporting\"");
    assertThat(validate(json)).isEmpty();
    JsonNode scan = new ObjectMapper().readTree(json).get("plans").get(0).get("root").get("children").get(0);
    assertThat(scan.get("findings").get(0).get("key").asText()).startsWith("seq-scan-large-table:");
    assertThat(scan.get("conditions").get(0).asText()).isEqualTo("Filter: (email = 'bob@example.com'::text)");
  }

  @Test
  void schemaRejectsAPlanNodeWithoutALabel() throws IOException {
    JsonNode tree = new ObjectMapper().readTree(render(HostileReports.full()));
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("plans").get(0).get("root")).remove("label");
    assertThat(validate(tree.toString())).isNotEmpty();
  }

  @Test
  void aCaptureFindingCarriesItsStructuredCallSite() throws IOException {
    Report sample = SampleReports.full();
    io.querydoctor.core.finding.Finding located = sample.findings().get(0)
        .withCallSite(new io.querydoctor.core.finding.CodeLocation("com.example.Library", "listBooks",
            "Library.java", 42));
    Report report = new Report(1, "querydoctor test", Instant.EPOCH, "x", 0, List.of(located), List.of());
    String json = render(report);
    assertThat(validate(json)).isEmpty();
    JsonNode site = new ObjectMapper().readTree(json).get("findings").get(0).get("callSite");
    assertThat(site.get("class").asText()).isEqualTo("com.example.Library");
    assertThat(site.get("method").asText()).isEqualTo("listBooks");
    assertThat(site.get("file").asText()).isEqualTo("Library.java");
    assertThat(site.get("line").asInt()).isEqualTo(42);
    JsonNode tree = new ObjectMapper().readTree(json);
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("findings").get(0).get("callSite")).remove("line");
    assertThat(validate(tree.toString())).as("line is required").isNotEmpty();
  }

  @Test
  void emptyReportMatchesTheSchema() throws IOException {
    Report empty = new Report(1, "querydoctor test", Instant.EPOCH, "x", 0, List.of(), List.of());
    assertThat(validate(render(empty))).isEmpty();
  }

  @Test
  void schemaRejectsAFindingWithoutEvidence() throws IOException {
    JsonNode tree = new ObjectMapper().readTree(render(SampleReports.full()));
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("findings").get(0)).remove("evidence");
    assertThat(validate(tree.toString())).isNotEmpty();
  }

  @Test
  void severitiesAndKindsAreLowerCaseAndFindingsRanked() throws IOException {
    JsonNode tree = new ObjectMapper().readTree(render(SampleReports.full()));
    JsonNode first = tree.get("findings").get(0);
    assertThat(first.get("ruleId").asText()).isEqualTo("missing-fk-index");
    assertThat(first.get("severity").asText()).isEqualTo("high");
    assertThat(first.get("subject").get("kind").asText()).isEqualTo("columns");
    assertThat(first.get("verification").get("method").asText()).isEqualTo("measured");
    assertThat(tree.get("generatedAt").asText()).isEqualTo("2026-11-21T06:00:00Z");
  }

  private static String render(Report report) throws IOException {
    StringWriter out = new StringWriter();
    new JsonReportRenderer().render(report, out);
    return out.toString();
  }
}

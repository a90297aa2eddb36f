package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** SARIF and JUnit XML of a recorded plan, without a database. */
class SarifOutputTest {

  private static final Path PLAN = Path.of("..", "querydoctor-postgres", "src", "test", "resources", "plans", "pg",
      "hash-spill-fires.json");

  static void assertValidSarif(JsonNode sarif) throws IOException {
    try (InputStream in = SarifOutputTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in).validate(sarif)).isEmpty();
    }
  }

  @Test
  void aPlanFindingIsAboutTheQueryAndSitsOnTheAnchorFile() throws IOException {
    CliRun run = CliRun.of("explain", "--plan", PLAN.toString(), "--format", "sarif", "--sarif-anchor",
        "db/schema.sql", "--fail-on", "none", "-q");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    JsonNode sarif = new ObjectMapper().readTree(run.out());
    assertValidSarif(sarif);
    JsonNode result = null;
    for (JsonNode r : sarif.at("/runs/0/results")) {
      if (r.get("ruleId").asText().equals("hash-spill")) {
        result = r;
      }
    }
    assertThat(result).as(run.out()).isNotNull();
    assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("db/schema.sql");
    assertThat(result.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText()).contains(":");
    assertThat(sarif.at("/runs/0/tool/driver/version").asText()).isNotBlank();
  }

  @Test
  void theSameFindingHasTheSameFingerprintInTwoRuns() throws IOException {
    String[] args = {"explain", "--plan", PLAN.toString(), "--format", "sarif", "--fail-on", "none", "-q"};
    JsonNode first = new ObjectMapper().readTree(CliRun.of(args).out()).at("/runs/0/results/0/partialFingerprints");
    JsonNode second = new ObjectMapper().readTree(CliRun.of(args).out()).at("/runs/0/results/0/partialFingerprints");
    assertThat(first.size()).isEqualTo(1);
    assertThat(first).isEqualTo(second);
  }

  @Test
  void junitXmlOfAPlan() {
    CliRun run = CliRun.of("explain", "--plan", PLAN.toString(), "--format", "junit", "--fail-on", "info", "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out()).contains("classname=\"querydoctor.hash-spill\"").contains("<failure");
  }
}

package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.plan.Plan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PlanFile} reads the recorded plans, streamed from a file, into the tree the string reader builds, with
 * a byte-order mark too, and stops at its size limit.
 */
class PlanFileTest {

  @TempDir
  Path tmp;

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.querydoctor.postgres.plan.TextPlanRulesFixtureTest#pairs")
  void streamedFromAFileAsFromAString(String name) throws IOException {
    String json = PgTextPlanReaderTest.fixture("pg-text/" + name + ".json");
    String text = PgTextPlanReaderTest.fixture("pg-text/" + name + ".txt");
    Plan expected = new PgPlanReader().read(json);

    for (String content : new String[] {json, "\uFEFF" + json, text, "\uFEFF" + text}) {
      Path file = Files.write(tmp.resolve("plan"), content.getBytes(StandardCharsets.UTF_8));
      Plan read = PlanFile.read(file, PlanFile.DEFAULT_MAX_BYTES);
      assertThat(PlanShape.of(read, false)).isEqualTo(PlanShape.of(expected, false));
    }
    Path file = Files.writeString(tmp.resolve("plan"), json);
    assertThatThrownBy(() -> PlanFile.read(file, json.length() - 1)).isInstanceOf(PlanFile.TooLarge.class)
        .hasMessageContaining("larger than the limit");
  }
}

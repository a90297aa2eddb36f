package io.querydoctor.postgres.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.digest.LogFormat;
import io.querydoctor.core.digest.TimeWindow;
import io.querydoctor.postgres.advisor.ParameterSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Samples of literal values from the recorded PostgreSQL 17 logs of {@code logs/pg-stderr}. */
class LoggedSamplesTest {

  private static Path fixture(String name) throws Exception {
    return Path.of(LoggedSamplesTest.class.getResource("/logs/pg-stderr/" + name).toURI());
  }

  @Test
  void aStatementLoggedWithItsValuesIsASampleAPreparedOneIsNot() throws Exception {
    ParameterSamples samples = ParameterSamples.none();
    LoggedSamples.read(fixture("valid.log"), LogFormat.PG_STDERR, null, TimeWindow.ALL, samples, "the server log");
    assertThat(samples.of("SELECT name FROM fixture_items WHERE name LIKE $1 ORDER BY name").orElseThrow().sql())
        .isEqualTo("SELECT name FROM fixture_items WHERE name LIKE '%ä0%' ORDER BY name");
    assertThat(samples.of("SELECT id, name FROM fixture_items WHERE id = $1"))
        .as("logged with $1 and its values in a DETAIL").isEmpty();
  }

  @Test
  void outsideTheWindowNothingIsASample() throws Exception {
    ParameterSamples samples = ParameterSamples.none();
    LoggedSamples.read(fixture("valid.log"), LogFormat.PG_STDERR, null,
        new TimeWindow(Instant.parse("2026-11-22T00:00:00Z"), null), samples, "the server log");
    assertThat(samples.size()).isZero();
  }

  /** Only auto_explain logged it (no log_min_duration_statement): the plan's query text is the sample. */
  @Test
  void anAutoExplainQueryTextIsASample(@TempDir Path dir) throws Exception {
    Path plansOnly = dir.resolve("plans.log");
    Files.writeString(plansOnly, Files.readAllLines(fixture("auto-explain.log")).stream()
        .filter(line -> !line.contains(" ms  parse ") && !line.contains(" ms  bind ")
            && !line.contains(" ms  execute ") && !line.contains(" ms  statement: "))
        .collect(Collectors.joining("\n", "", "\n")));
    ParameterSamples samples = ParameterSamples.none();
    LoggedSamples.read(plansOnly, LogFormat.PG_STDERR, null, TimeWindow.ALL, samples, "the server log");
    assertThat(samples.of("SELECT pg_sleep($1), $2").orElseThrow().sql())
        .isEqualTo("SELECT pg_sleep(0.15), 'slow-literal-42'");
  }
}

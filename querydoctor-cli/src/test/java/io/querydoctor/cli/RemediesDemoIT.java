package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.demo.data.DemoDatabase;
import io.querydoctor.demo.data.DemoScale;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.remedies.cache.QueryCache;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remedies demo on the demo database: as written, the capture reports the N+1 and the repeated read; with
 * the BatchLoader and the QueryCache, neither, with fewer statements and cache hits — and {@code diagnose
 * --capture} of the remedied run stays quiet about the N+1 that it reports for the first run.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class RemediesDemoIT {

  @BeforeAll
  static void demoDatabase(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      new DemoDatabase(new DemoScale(0.05), ProgressListener.NONE).build(c);
    }
  }

  @Test
  void theRemediesEndTheNPlusOneAndTheRepeatedRead(TestDatabase db, @TempDir Path dir) throws Exception {
    RemediesDemo demo = new RemediesDemo(db.server(), db.name());
    Path beforeFile = dir.resolve("before.capture.jsonl");
    Path afterFile = dir.resolve("after.capture.jsonl");
    RemediesDemo.Run before = demo.withoutRemedies(beforeFile);
    QueryCache cache = RemediesDemo.cache();
    RemediesDemo.Run after = demo.withRemedies(cache, afterFile);

    assertThat(before.reports("n-plus-one")).as(before.findings().toString()).isTrue();
    assertThat(before.reports("repeated-identical-query")).as(before.findings().toString()).isTrue();
    assertThat(after.findings()).extracting(f -> f.ruleId())
        .doesNotContain("n-plus-one", "repeated-identical-query");
    // Each request: the page, one batch of posts; the page's other reads come from the cache.
    assertThat(after.statements()).isEqualTo(1 + RemediesDemo.REQUESTS);
    assertThat(before.statements()).isGreaterThan(after.statements() * 10);
    assertThat(cache.statistics().get(0).hits()).isEqualTo(2L * RemediesDemo.REQUESTS - 1);

    String report = RemediesDemo.report(before, after, cache);
    assertThat(report).contains("[n-plus-one] N+1 queries in GET /users-with-posts")
        .contains("at io.querydoctor.cli.RemediesDemo.withoutRemedies(")
        .contains("with BatchLoader and QueryCache").containsPattern("hit ratio 8\\d %")
        .contains("its fix, with querydoctor-remedies:").contains("postsByUserId.dispatch();");

    assertThat(diagnosedRules(db, beforeFile)).contains("n-plus-one");
    assertThat(diagnosedRules(db, afterFile)).doesNotContain("n-plus-one", "repeated-identical-query");
  }

  /** The n-plus-one finding of the demo's own N+1 carries BatchLoader code for its shape. */
  @Test
  void theNPlusOneFixShowsTheBatchLoaderForItsShape(TestDatabase db, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("before.capture.jsonl");
    new RemediesDemo(db.server(), db.name()).withoutRemedies(file);
    JsonNode report = diagnose(db, file);
    for (JsonNode finding : report.get("findings")) {
      if (finding.get("ruleId").asText().equals("n-plus-one")) {
        assertThat(finding.at("/fix/code").asText())
            .contains(".query(\"SELECT id, title, created_at, user_id FROM posts WHERE user_id IN (:keys)\")");
        return;
      }
    }
    throw new AssertionError("no n-plus-one in " + report);
  }

  private static List<String> diagnosedRules(TestDatabase db, Path file) throws Exception {
    return diagnose(db, file).get("findings").findValuesAsText("ruleId");
  }

  private static JsonNode diagnose(TestDatabase db, Path file) throws Exception {
    CliRun run = CliRun.of("diagnose", "--url", db.jdbcUrl(), "--user", db.user(), "--capture", file.toString(),
        "--format", "json", "--fail-on", "none", "-q");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    return new ObjectMapper().readTree(run.out());
  }
}

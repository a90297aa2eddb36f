package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.jdbc.WrapOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** An application records a capture file; {@code diagnose --capture FILE} reports what its statements show. */
@ExtendWith(EmbeddedPostgresExtension.class)
class CaptureFileDiagnoseIT {

  /** The line of {@link #record} that runs the N+1's query (its call site). */
  private static int booksQueryLine;

  @Test
  void capturedNPlusOneIsReportedByDiagnose(TestDatabase db, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("app.capture.jsonl");
    record(db, file);
    CliRun run = CliRun.of("diagnose", "--url", db.jdbcUrl(), "--user", db.user(), "--capture", file.toString(),
        "--format", "json", "--fail-on", "none", "-q");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    JsonNode findings = new ObjectMapper().readTree(run.out()).get("findings");
    assertThat(findings.findValuesAsText("ruleId")).contains("n-plus-one");
    assertThat(run.out()).contains("GET /authors").doesNotContain("'secret-title-").contains("= ANY (?)");
  }

  @Test
  void sarifPlacesTheCapturedNPlusOneOnTheLineThatRanIt(TestDatabase db, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("app.capture.jsonl");
    record(db, file);
    CliRun run = CliRun.of("diagnose", "--url", db.jdbcUrl(), "--user", db.user(), "--capture", file.toString(),
        "--format", "sarif", "--fail-on", "none", "-q");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    JsonNode sarif = new ObjectMapper().readTree(run.out());
    try (var in = CaptureFileDiagnoseIT.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in).validate(sarif)).isEmpty();
    }
    JsonNode nPlusOne = null;
    for (JsonNode result : sarif.at("/runs/0/results")) {
      if (result.get("ruleId").asText().equals("n-plus-one")) {
        nPlusOne = result;
      }
    }
    assertThat(nPlusOne).as(run.out()).isNotNull();
    JsonNode physical = nPlusOne.at("/locations/0/physicalLocation");
    assertThat(physical.at("/artifactLocation/uri").asText())
        .endsWith("querydoctor-cli/src/test/java/io/querydoctor/cli/CaptureFileDiagnoseIT.java");
    assertThat(physical.at("/region/startLine").asInt()).isEqualTo(booksQueryLine);
    assertThat(nPlusOne.at("/message/text").asText()).contains("executions_per_scope = 20 (threshold 5)");
  }

  @Test
  void missingCaptureFileIsAOneLineErrorBeforeConnecting(@TempDir Path dir) {
    CliRun run = CliRun.of("diagnose", "--url", "jdbc:postgresql://127.0.0.1:1/x", "--capture",
        dir.resolve("absent.jsonl").toString(), "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("cannot read capture file").contains("absent.jsonl");
  }

  private static void record(TestDatabase db, Path file) throws Exception {
    try (Connection setup = db.connect(); Statement s = setup.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS book (id int PRIMARY KEY, author_id int, title text)");
      s.execute("INSERT INTO book SELECT g, g % 20, 'secret-title-' || g FROM generate_series(1, 200) g"
          + " ON CONFLICT DO NOTHING");
    }
    PGSimpleDataSource plain = new PGSimpleDataSource();
    plain.setUrl(db.jdbcUrl());
    plain.setUser(db.user());
    try (CaptureSession session = CaptureSession.start(CaptureOptions.builder().captureFile(file).build())) {
      DataSource captured = QueryDoctor.wrap(plain, WrapOptions.defaults().withSession(session).withPooled(true));
      try (Connection c = captured.getConnection(); Scope scope = session.scope("GET /authors")) {
        for (int author = 0; author < 20; author++) {
          try (PreparedStatement books = c.prepareStatement("SELECT title FROM book WHERE author_id = ?")) {
            books.setInt(1, author);
            booksQueryLine = new Throwable().getStackTrace()[0].getLineNumber() + 1;
            books.executeQuery().close();
          }
        }
      }
    }
    assertThat(Files.size(file)).isPositive();
  }
}

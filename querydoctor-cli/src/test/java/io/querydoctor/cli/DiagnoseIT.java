package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.postgres.connect.PgConnector;
import io.querydoctor.postgres.connect.PgPass;
import io.querydoctor.postgres.connect.PgUrl;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EmbeddedPostgresExtension.class)
class DiagnoseIT {

  private static final Path SCHEMA = Path.of("..", "docs", "report.schema.json");

  @Test
  void jsonOutputFollowsTheDocumentedSchema(TestDatabase db, @TempDir Path dir) throws IOException {
    Path report = dir.resolve("report.json");
    CliRun run = CliRun.of("diagnose", "--url", db.jdbcUrl(), "--user", db.user(), "--format", "json",
        "--output", report.toString(), "-q");
    assertThat(run.exitCode()).as(run.err()).isIn(ExitCode.CLEAN, ExitCode.FINDINGS);
    JsonNode json = new ObjectMapper().readTree(Files.readString(report));
    var errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(Files.readString(SCHEMA)).validate(json);
    assertThat(errors).isEmpty();
    assertThat(json.get("target").asText()).isEqualTo(db.jdbcUrl());
  }

  @Test
  void everyFormatGoesToStandardOutputWithoutProgressNoise(TestDatabase db) {
    for (String format : new String[] {"text", "json", "markdown", "html"}) {
      CliRun run = CliRun.of("diagnose", "--url", db.jdbcUrl(), "--user", db.user(), "--format", format);
      assertThat(run.exitCode()).as(format + ": " + run.err()).isIn(ExitCode.CLEAN, ExitCode.FINDINGS);
      assertThat(run.out()).as(format).isNotBlank().doesNotContain("» connecting");
      assertThat(run.err()).as(format).contains("» connecting to " + db.jdbcUrl());
    }
  }

  /** Regression (#24): diagnose of the kept demo silently lacked the capture findings and verification. */
  @Test
  void whatThisRunWasNotAskedToLookAtIsSaid(TestDatabase db) throws IOException {
    CliRun run = CliRun.of("diagnose", "--url", db.jdbcUrl(), "--user", db.user(), "--format", "json", "-q");
    JsonNode skipped = new ObjectMapper().readTree(run.out()).get("skipped");
    java.util.List<String> checks = new java.util.ArrayList<>();
    skipped.forEach(s -> checks.add(s.get("check").asText()));
    assertThat(checks).contains("capture", "verification");
  }

  @Test
  void theCommandTheKeptDemoPrintsWorksAsPasted(TestDatabase db, EmbeddedServer server) {
    String command = DemoCommand.keptMessage(server.jdbcUrl(db.name())).lines()
        .filter(line -> line.contains("./querydoctor diagnose")).findFirst().orElseThrow().strip();
    String[] words = command.substring("./querydoctor ".length()).split(" ");
    CliRun run = CliRun.of(words);
    assertThat(run.exitCode()).as(run.err()).isIn(ExitCode.CLEAN, ExitCode.FINDINGS);
    assertThat(run.out()).contains("QueryDoctor report");
  }

  @Test
  void missingDatabaseIsNamed(EmbeddedServer server) {
    CliRun run = CliRun.of("diagnose", "--url", server.jdbcUrl("no_such_db"), "--user", "postgres", "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).isEqualTo("querydoctor: database 'no_such_db' does not exist at 127.0.0.1:"
        + server.port());
  }

  @Test
  void wrongPasswordIsAnAuthenticationFailureAndThePasswordIsNeverShown(TestDatabase db, EmbeddedServer server)
      throws Exception {
    requirePasswordFor("qd_app", "right-password", db, server);
    // The CLI reads the password from the environment, which a test JVM cannot set: drive the connector the
    // CLI uses with PGPASSWORD given to it directly.
    PgConnector connector = new PgConnector(Map.of("PGPASSWORD", "wrong-password"), new PgPass(Path.of("/nonexistent")));
    Throwable failure = catchThrowable(() -> connector.connect(PgUrl.parse(db.jdbcUrl()), "qd_app", null));
    assertThat(failure).hasMessageStartingWith("authentication failed for user 'qd_app' at 127.0.0.1:")
        .hasMessageNotContaining("wrong-password");
    assertThat(ErrorHandler.message(failure)).doesNotContain("\n");
  }

  @Test
  void aServerThatIsNotPostgresIsRecognised() throws Exception {
    try (ServerSocket fake = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread answer = new Thread(() -> {
        try (Socket client = fake.accept(); OutputStream out = client.getOutputStream()) {
          client.getInputStream().read(new byte[64]);
          out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
          // The client gave up first; the assertion below still sees its error.
        }
      });
      answer.start();
      CliRun run = CliRun.of("diagnose", "--url", "jdbc:postgresql://127.0.0.1:" + fake.getLocalPort() + "/app",
          "--user", "x", "-q");
      answer.join(5_000);
      assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
      assertThat(run.errorLine()).containsAnyOf("did not answer as PostgreSQL", "is it PostgreSQL?");
      assertThat(run.err()).doesNotContain("\tat ");
    }
  }

  /** Makes the embedded server ask {@code role} for a password (it trusts everyone by default). */
  private static void requirePasswordFor(String role, String password, TestDatabase db, EmbeddedServer server)
      throws SQLException, IOException {
    Path hba = server.dataDirectory().resolve("pg_hba.conf");
    String rules = Files.readString(hba);
    String line = "host all " + role + " 127.0.0.1/32 scram-sha-256\n";
    if (!rules.startsWith(line)) {
      Files.writeString(hba, line + rules);
    }
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN "
          + "CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'; END IF; END$$");
      s.execute("SELECT pg_reload_conf()");
    }
  }
}

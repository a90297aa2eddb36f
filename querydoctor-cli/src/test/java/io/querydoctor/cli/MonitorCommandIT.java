package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.demo.server.EmbeddedServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EmbeddedPostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorCommandIT {

  private EmbeddedServer server;
  private String storeUrl;
  private String storeDb;

  @BeforeAll
  void store(EmbeddedServer shared) {
    server = shared;
    storeDb = shared.createUniqueDatabase("monitor_cli_store");
    storeUrl = shared.jdbcUrl(storeDb) + "?user=postgres";
  }

  @Test
  void onceSamplesTwiceIntoTheStoreAndDeployMarkIsRecorded() throws Exception {
    String database = server.createUniqueDatabase("monitor_once");
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    }
    String url = server.jdbcUrl(database);
    CliRun first = CliRun.of("monitor", "--once", "--url", url, "--user", "postgres", "--store", storeUrl);
    assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCode.CLEAN);
    assertThat(first.out()).contains("schema version 1", "first sample: baseline only", "connections ");

    CliRun second = CliRun.of("monitor", "--once", "--url", url, "--user", "postgres", "--store", storeUrl);
    assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCode.CLEAN);
    assertThat(second.out()).contains("statements with calls").doesNotContain("127.0.0.1:1/");

    CliRun mark = CliRun.of("deploy-mark", "--store", storeUrl, "v1.4.2");
    assertThat(mark.exitCode()).as(mark.err()).isEqualTo(ExitCode.CLEAN);
    assertThat(mark.out()).contains("deploy mark 'v1.4.2' recorded", "for every database");
    assertThat(count("SELECT count(*) FROM qd_monitor.deploy_mark WHERE label = 'v1.4.2'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM qd_monitor.finding")).as("heavy checks ran on the first sample")
        .isPositive();
  }

  @Test
  void unreachableDatabaseIsExitCodeTwoWithTheReason() {
    CliRun run = CliRun.of("monitor", "--once", "--url", "jdbc:postgresql://127.0.0.1:1/nothing", "--user",
        "postgres", "--store", storeUrl);
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.out()).contains("sample failed:");
  }

  @Test
  void badOptionsAreOneLineUsageErrors(@TempDir Path dir) throws Exception {
    Path rules = dir.resolve("rules.json");
    Files.writeString(rules, "{\"rules\": [{\"id\": \"x\", \"metric\": \"nope\"}]}");
    List<String[]> cases = List.of(
        new String[] {"monitor", "--once", "--url", server.jdbcUrl("postgres"), "--interval", "soon"},
        new String[] {"monitor", "--once", "--url", server.jdbcUrl("postgres"), "--alert-rules", rules.toString()},
        new String[] {"monitor", "--once", "--url", server.jdbcUrl("postgres"), "--webhook", "ftp://x/y"},
        new String[] {"monitor", "--url", server.jdbcUrl("postgres"), "--user", "postgres", "--store", storeUrl,
            "--listen", "0.0.0.0:0"});
    List<String> expected = List.of("not a duration: 'soon'", "unknown metric 'nope'",
        "--webhook needs an http:// or https:// URL", "--auth-token-env");
    for (int i = 0; i < cases.size(); i++) {
      CliRun run = CliRun.of(cases.get(i));
      assertThat(run.exitCode()).as(String.join(" ", cases.get(i))).isEqualTo(ExitCode.ERROR);
      assertThat(run.errorLine()).contains(expected.get(i));
      assertThat(run.err()).doesNotContain("\tat ");
    }
  }

  @Test
  void runsUntilSigtermThenClosesTheStore(TestDatabase db) throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "io.querydoctor.cli.Main", "monitor", "--url", db.jdbcUrl(), "--user", db.user(), "--store", storeUrl,
        "--interval", "1s", "--listen", "127.0.0.1:" + port).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      String metrics = "";
      long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
      while (!metrics.contains("querydoctor_monitor_samples_total{target=\"" + db.jdbcUrl() + "\"} 3")
          && System.nanoTime() < deadline) {
        Thread.sleep(200);
        try {
          metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException notYet) {
          // still starting
        }
      }
      assertThat(metrics).contains("querydoctor_monitor_up{target=\"" + db.jdbcUrl() + "\"} 1");
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
    } finally {
      process.destroyForcibly();
    }
    assertThat(count("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + storeDb
        + "' AND pid <> pg_backend_pid()")).as("store connection closed").isZero();
    assertThat(count("SELECT count(*) FROM qd_monitor.sample WHERE target = '" + db.jdbcUrl() + "'"))
        .isGreaterThanOrEqualTo(3);
  }

  private long count(String sql) throws Exception {
    try (Connection c = server.connect(storeDb); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.demo.data.DemoDatabase;
import io.querydoctor.demo.data.DemoScale;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.demo.workload.DemoWorkload;
import io.querydoctor.demo.workload.ScopeRunner;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The "done when": {@code querydoctor monitor --url <demo URL>} runs as a process, its {@code /metrics}
 * passes promtool, and the demo database's planted problems become firing alerts with their fixes within two
 * heavy-check cycles (heavy checks every 3 s here instead of hourly).
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class MonitorDemoIT {

  private static final Duration HEAVY = Duration.ofSeconds(3);

  @Test
  void demoProblemsFireWithFixesWithinTwoHeavyCycles(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      new DemoDatabase(new DemoScale(0.1), ProgressListener.NONE).build(c);
    }
    new DemoWorkload(db::connect, ScopeRunner.NONE, ProgressListener.NONE, new DemoScale(0.1), 1).run();
    String storeDb = db.server().createUniqueDatabase("demo_monitor_store");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "io.querydoctor.cli.Main", "monitor", "--url", db.jdbcUrl(), "--user", db.user(),
        "--store", db.server().jdbcUrl(storeDb) + "?user=postgres", "--interval", "1s",
        "--heavy-interval", HEAVY.toSeconds() + "s", "--listen", "127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String metrics = "";
    try {
      HttpClient client = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (firingHealthFindings(metrics) < 3 && System.nanoTime() < deadline) {
        Thread.sleep(250);
        try {
          metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException notYet) {
          // still starting
        }
      }
      assertThat(metrics).contains("querydoctor_monitor_up{target=\"" + db.jdbcUrl() + "\"} 1");
      assertThat(firingHealthFindings(metrics)).as(metrics).isGreaterThanOrEqualTo(3);
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
    } finally {
      process.destroyForcibly();
    }

    List<String[]> alerts = rows(db, storeDb, """
        SELECT a.subject, a.summary,
               extract(epoch FROM a.started_at - (SELECT min(interval_end) FROM qd_monitor.sample))::text
          FROM qd_monitor.alert a WHERE a.rule = 'health-finding' AND a.state = 'firing'""");
    // A subject is stored as kind:rule:object, e.g. index:duplicate-index:public.orders_customer_id_idx.
    for (String rule : List.of("duplicate-index", "missing-fk-index", "stale-statistics")) {
      assertThat(alerts).extracting(a -> a[0]).anyMatch(subject -> subject.contains(":" + rule + ":"));
    }
    for (String[] alert : alerts) {
      assertThat(alert[1]).as(alert[0]).contains("Fix: ");
      assertThat(Double.parseDouble(alert[2])).as("%s fired within two heavy cycles of the first sample", alert[0])
          .isLessThanOrEqualTo(2 * HEAVY.toSeconds());
    }
    promtool(metrics);
  }

  private static long firingHealthFindings(String metrics) {
    return metrics.lines().filter(l -> l.startsWith("querydoctor_alerts{rule=\"health-finding\",state=\"firing\"}"))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static List<String[]> rows(TestDatabase db, String storeDb, String sql) throws Exception {
    List<String[]> rows = new ArrayList<>();
    try (Connection c = db.server().connect(storeDb); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
      }
    }
    return rows;
  }

  /** {@code promtool check metrics} (rc 1 parse error, rc 3 lint finding); skips when promtool is absent. */
  private static void promtool(String metrics) throws Exception {
    String promtool = null;
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      if (new File(dir, "promtool").canExecute()) {
        promtool = new File(dir, "promtool").getPath();
      }
    }
    assumeTrue(promtool != null, "promtool not installed (Debian package prometheus); .ci/run installs it");
    Path file = Files.createTempFile("querydoctor-demo-metrics-", ".txt");
    try {
      Files.writeString(file, metrics);
      Process check = new ProcessBuilder(promtool, "check", "metrics").redirectInput(file.toFile())
          .redirectErrorStream(true).start();
      String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(check.waitFor()).as("promtool check metrics said: %s", output).isZero();
    } finally {
      Files.deleteIfExists(file);
    }
  }
}

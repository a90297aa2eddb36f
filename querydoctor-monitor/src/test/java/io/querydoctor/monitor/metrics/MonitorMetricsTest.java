package io.querydoctor.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.monitor.alert.Alert;
import io.querydoctor.monitor.alert.AlertRules;
import io.querydoctor.monitor.alert.AlertState;
import io.querydoctor.monitor.sample.Activity;
import io.querydoctor.monitor.sample.DatabaseCounters;
import io.querydoctor.monitor.sample.Deltas;
import io.querydoctor.monitor.sample.Sample;
import io.querydoctor.monitor.sample.StatementCounters;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorMetricsTest {

  private static final Instant T = Instant.parse("2026-12-06T12:00:00Z");
  private static final String TARGET = "jdbc:postgresql://db:5432/app";

  private static MonitorMetrics metricsWith(int statements) {
    MonitorMetrics metrics = new MonitorMetrics(3);
    List<StatementCounters> list = new ArrayList<>();
    for (int i = 1; i <= statements; i++) {
      list.add(new StatementCounters(1000L + i, "SELECT " + i, i * 10L, i * 100.0, i, 0, 0, 0));
    }
    Deltas deltas = new Deltas(false, new DatabaseCounters(100, 12, 5000, 20, 0, 0, 1, null), list, List.of());
    Activity activity = new Activity(12, 50, 3, 7, 2, 41.5, 3.25, 1, 1, 6.0, null);
    metrics.record(new Sample(TARGET, T.minusSeconds(60), T, null, deltas, activity, null, 2, 12.5));
    metrics.record(new Sample("jdbc:postgresql://other/\"quoted\"", null, T, "connection refused", null, null, null,
        0, 3.0));
    metrics.storeStatus(81920, false);
    metrics.storeTrimmed(7);
    metrics.storeTrimmed(5);
    var rule = AlertRules.defaults().stream().filter(r -> r.id().equals("idle-in-transaction")).findFirst()
        .orElseThrow();
    metrics.alerts(List.of(new Alert(1, TARGET, rule, Subject.database("app"), Severity.MEDIUM, AlertState.FIRING,
        41.5, T, T, null)));
    return metrics;
  }

  @Test
  void topStatementsHaveTheirOwnSeriesAndTheRestIsOther() {
    String text = metricsWith(10).render();
    assertThat(text).contains("querydoctor_statement_calls_total{target=\"" + TARGET + "\",queryid=\"1010\"} 100")
        .contains("queryid=\"1008\"").doesNotContain("queryid=\"1007\"")
        .contains("querydoctor_statement_calls_total{target=\"" + TARGET + "\",queryid=\"other\"} 280")
        .contains("querydoctor_database_rollbacks_total{target=\"" + TARGET + "\"} 10")
        .contains("querydoctor_monitor_up{target=\"jdbc:postgresql://other/\\\"quoted\\\"\"} 0")
        .contains("querydoctor_alerts{rule=\"idle-in-transaction\",state=\"firing\"} 1")
        .contains("querydoctor_monitor_store_trimmed_samples_total 12")
        .contains("querydoctor_database_connections{target=\"" + TARGET + "\",state=\"idle_in_transaction\"} 2");
  }

  @Test
  void memoryStaysBoundedWhileStatementsComeAndGoAndFoldedCallsStayCounted() {
    MonitorMetrics metrics = new MonitorMetrics(3);
    double previousOther = 0;
    long queryid = 0;
    for (int sample = 0; sample < 200; sample++) {
      List<StatementCounters> list = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        list.add(new StatementCounters(++queryid, "SELECT " + queryid, 1, 1.0, 1, 0, 0, 0));
      }
      Deltas deltas = new Deltas(false, new DatabaseCounters(0, 0, 0, 0, 0, 0, 0, null), list, List.of());
      metrics.record(new Sample(TARGET, T, T.plusSeconds(sample), null, deltas,
          new Activity(1, 50, 1, 0, 0, 0, 0, 0, 0, 0, null), null, 0, 1));
      assertThat(metrics.trackedStatements(TARGET)).isLessThanOrEqualTo(MonitorMetrics.MAX_TRACKED);
      previousOther = otherCalls(metrics.render());
    }
    assertThat(previousOther).as("20 000 calls: 3 in top series, the rest in other").isEqualTo(19_997);
  }

  private static double otherCalls(String text) {
    return text.lines().filter(l -> l.startsWith("querydoctor_statement_calls_total{") && l.contains("\"other\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  @Test
  void passesPromtoolCheckMetrics(@TempDir Path dir) throws Exception {
    String promtool = promtool();
    assumeTrue(promtool != null, "promtool not installed (Debian package prometheus); .ci/run installs it");
    Path file = dir.resolve("metrics.txt");
    Files.writeString(file, metricsWith(10).render());
    Process process = new ProcessBuilder(promtool, "check", "metrics").redirectInput(file.toFile())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    // rc 1 is a parse error, rc 3 a lint finding (missing HELP, counter without _total): both fail.
    assertThat(process.waitFor()).as("promtool check metrics said: %s", output).isZero();
  }

  static String promtool() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      File candidate = new File(dir, "promtool");
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    return null;
  }

  @Test
  void serverNeedsTheTokenWhenOneIsSet() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, metricsWith(2), "s3cret", false)) {
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/metrics");
      HttpResponse<String> denied = client.send(HttpRequest.newBuilder(uri).build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> allowed = client.send(HttpRequest.newBuilder(uri).header("Authorization",
          "Bearer s3cret").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(denied.statusCode()).isEqualTo(401);
      assertThat(allowed.statusCode()).isEqualTo(200);
      assertThat(allowed.headers().firstValue("Content-Type")).hasValueSatisfying(
          v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
      assertThat(allowed.body()).contains("querydoctor_monitor_up");
    }
  }

  @Test
  void refusesANonLoopbackAddressWithoutAuthentication() {
    assertThatThrownBy(() -> MetricsServer.start("0.0.0.0", 0, new MonitorMetrics(3), null, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--auth-token-env");
  }
}

package io.querydoctor.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.querydoctor.monitor.alert.AlertRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusRulesTest {

  @Test
  void everyRuleWithAPromqlEquivalentKeepsItsThresholdForAndSeverity() {
    String yaml = PrometheusRules.yaml(AlertRules.defaults());
    assertThat(yaml).contains("- alert: 'connection-saturation'")
        .contains("querydoctor_database_max_connections >= 0.8'")
        .contains("for: 60s")
        .contains("querydoctor_database_idle_in_transaction_max_seconds >= 30'")
        .contains("offset 1d)) >= 2'")
        .contains("# new-slow-query: needs the monitor's history")
        .contains("# health-finding: needs the monitor's history")
        .contains("querydoctor_pgbouncer_max_wait_seconds >= 1'");
  }

  @Test
  void passesPromtoolCheckRules(@TempDir Path dir) throws Exception {
    String promtool = MonitorMetricsTest.promtool();
    assumeTrue(promtool != null, "promtool not installed (Debian package prometheus); .ci/run installs it");
    Path file = dir.resolve("querydoctor.rules.yml");
    Files.writeString(file, PrometheusRules.yaml(AlertRules.defaults()));
    Process process = new ProcessBuilder(promtool, "check", "rules", file.toString()).redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("promtool check rules said: %s", output).isZero();
    assertThat(output).contains("SUCCESS: 11 rules found");
  }
}

package io.querydoctor.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.finding.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertRulesTest {

  @TempDir
  Path dir;

  private List<AlertRule> load(String json) throws Exception {
    Path file = dir.resolve("rules.json");
    Files.writeString(file, json);
    return AlertRules.load(file);
  }

  private static AlertRule rule(List<AlertRule> rules, String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void defaultsCarryTheRunbookThresholds() {
    List<AlertRule> rules = AlertRules.defaults();
    assertThat(rule(rules, "connection-saturation").threshold()).isEqualTo(0.80);
    assertThat(rule(rules, "idle-in-transaction").threshold()).isEqualTo(30);
    assertThat(rule(rules, "long-running-query").threshold()).isEqualTo(60);
    assertThat(rule(rules, "lock-contention").threshold()).isEqualTo(5);
    assertThat(rule(rules, "low-cache-hit-ratio").comparison()).isEqualTo(Comparison.BELOW);
    assertThat(rule(rules, "high-rollback-ratio").threshold()).isEqualTo(0.05);
    assertThat(rule(rules, "replication-lag").threshold()).isEqualTo(5);
    assertThat(rule(rules, "latency-regression").threshold()).isEqualTo(2);
    assertThat(rules).allSatisfy(r -> {
      assertThat(r.fix()).isNotBlank();
      assertThat(r.source()).isNotBlank();
      assertThat(Observations.KNOWN).contains(r.metric());
    });
  }

  @Test
  void overrideChangesOnlyTheFieldsItNames() throws Exception {
    List<AlertRule> rules = load("""
        {"rules": [{"id": "idle-in-transaction", "threshold": 120, "for": "2m", "severity": "high"},
                   {"id": "replication-lag", "enabled": false},
                   {"id": "temp-heavy", "metric": "longest_query_seconds", "comparison": "above", "threshold": 10,
                    "unit": "seconds", "title": "statement over 10 s"}]}""");
    AlertRule idle = rule(rules, "idle-in-transaction");
    assertThat(idle.threshold()).isEqualTo(120);
    assertThat(idle.forDuration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(idle.severity()).isEqualTo(Severity.HIGH);
    assertThat(idle.fix()).startsWith("Commit or roll back");
    assertThat(rules).extracting(AlertRule::id).doesNotContain("replication-lag").contains("temp-heavy");
  }

  @Test
  void yamlFileOverridesLikeJson() throws Exception {
    Path file = dir.resolve("rules.yml");
    Files.writeString(file, """
        # team thresholds
        rules:
          - id: lock-contention
            threshold: 2
            for: 30s
            severity: critical
            description: Page the on-call DBA; find the blocker with pg_blocking_pids().
          - id: replication-lag
            enabled: false
          - id: batch-overrun
            metric: longest_query_seconds
            comparison: above
            threshold: 900
            unit: seconds
            title: nightly batch still running
        """);
    List<AlertRule> rules = AlertRules.load(file);
    AlertRule lock = rule(rules, "lock-contention");
    assertThat(lock.threshold()).isEqualTo(2);
    assertThat(lock.forDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(lock.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(lock.fix()).startsWith("Page the on-call DBA");
    assertThat(lock.title()).isEqualTo(rule(AlertRules.defaults(), "lock-contention").title());
    assertThat(rules).extracting(AlertRule::id).doesNotContain("replication-lag").contains("batch-overrun");
    assertThat(rule(rules, "batch-overrun").threshold()).isEqualTo(900);
  }

  @Test
  void badYamlSaysWhatIsWrongInOneLine() throws Exception {
    Path notAList = dir.resolve("rules.yaml");
    Files.writeString(notAList, "rules: lock-contention\n");
    assertThatThrownBy(() -> AlertRules.load(notAList)).hasMessageContaining("expected a top-level 'rules:' list");
    Path broken = dir.resolve("broken.yml");
    Files.writeString(broken, "rules:\n  - id: [unclosed\n");
    assertThatThrownBy(() -> AlertRules.load(broken)).hasMessageContaining("cannot read alert rules")
        .hasMessageNotContaining("\n");
    Path scalar = dir.resolve("scalar.yml");
    Files.writeString(scalar, "rules:\n  - lock-contention\n");
    assertThatThrownBy(() -> AlertRules.load(scalar)).hasMessageContaining("every rule is an object");
  }

  @Test
  void badFilesSayWhatIsWrongInOneLine() {
    assertThatThrownBy(() -> load("{\"rules\": [{\"id\": \"x\", \"metric\": \"nope\"}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rule x: unknown metric 'nope'");
    assertThatThrownBy(() -> load("{\"rules\": [{\"id\": \"idle-in-transaction\", \"for\": \"soon\"}]}"))
        .hasMessageContaining("not a duration: 'soon'");
    assertThatThrownBy(() -> load("[]")).hasMessageContaining("expected {\"rules\": [ … ]}");
    assertThatThrownBy(() -> load("{\"rules\": [{\"id\": \"new-one\", \"metric\": \"cache_hit_ratio\"}]}"))
        .hasMessageContaining("a new rule needs \"comparison\"");
    assertThatThrownBy(() -> AlertRules.load(dir.resolve("missing.json")))
        .hasMessageContaining("cannot read alert rules");
  }
}

package io.querydoctor.postgres.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthThresholdsTest {

  @Test
  void defaultsAreThoseOfRulesMd() {
    HealthThresholds t = HealthThresholds.defaults();
    assertThat(t.fkIndexMinRows()).isEqualTo(1_000);
    assertThat(t.unusedIndexMinStatsAge()).isEqualTo(Duration.ofDays(7));
    assertThat(t.overIndexedMaxIndexes()).isEqualTo(10);
    assertThat(t.staleStatisticsModifiedRatio()).isEqualTo(0.10);
    assertThat(t.bloatMinRatio()).isEqualTo(0.30);
    assertThat(t.bloatMinBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(t.vacuumDeadRatio()).isEqualTo(0.20);
    assertThat(t.connectionSaturationRatio()).isEqualTo(0.80);
    assertThat(t.idleInTransaction()).isEqualTo(Duration.ofSeconds(30));
    assertThat(t.longRunningQuery()).isEqualTo(Duration.ofSeconds(60));
    assertThat(t.lockWait()).isEqualTo(Duration.ofSeconds(5));
    assertThat(t.cacheHitRatio()).isEqualTo(0.99);
    assertThat(t.indexUsageRatio()).isEqualTo(0.95);
    assertThat(t.indexUsageMinRows()).isEqualTo(10_000);
    assertThat(t.rollbackRatio()).isEqualTo(0.05);
    assertThat(t.replicationLag()).isEqualTo(Duration.ofSeconds(5));
    assertThat(t.tempBytes()).isEqualTo(100L * 1024 * 1024);
    assertThat(t.xidWraparoundFraction()).isEqualTo(0.50);
    assertThat(t.sequenceUsedRatio()).isEqualTo(0.75);
  }

  @Test
  void loadsOverridesFromAPropertiesFile() throws Exception {
    HealthThresholds t = HealthThresholds.load(Path.of("src/test/resources/health/thresholds.properties"));
    assertThat(t.idleInTransaction()).isEqualTo(Duration.ofSeconds(10));
    assertThat(t.lockWait()).isEqualTo(Duration.ofSeconds(2));
    assertThat(t.bloatMinBytes()).isEqualTo(100L * 1024 * 1024);
    assertThat(t.vacuumDeadRatio()).isEqualTo(0.3);
    assertThat(t.overIndexedMaxIndexes()).isEqualTo(15);
    assertThat(t.longRunningQuery()).as("keys not in the file keep their default").isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void parsesEveryDurationUnit() {
    HealthThresholds t = HealthThresholds.defaults();
    assertThat(t.with(Map.of("lock-wait", "500ms")).lockWait()).isEqualTo(Duration.ofMillis(500));
    assertThat(t.with(Map.of("lock-wait", "5m")).lockWait()).isEqualTo(Duration.ofMinutes(5));
    assertThat(t.with(Map.of("lock-wait", "2h")).lockWait()).isEqualTo(Duration.ofHours(2));
    assertThat(t.with(Map.of("lock-wait", "3d")).lockWait()).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void unknownKeyIsAOneLineErrorListingTheKnownOnes() {
    assertThatThrownBy(() -> HealthThresholds.defaults().with(Map.of("idle-in-transation", "5s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown health threshold 'idle-in-transation' (known: ")
        .hasMessageContaining("idle-in-transaction")
        .hasMessageNotContaining("\n");
  }

  @Test
  void badValueNamesTheKeyAndTheExpectedForm() {
    assertThatThrownBy(() -> HealthThresholds.defaults().with(Map.of("lock-wait", "soon")))
        .hasMessage("bad value 'soon' for health threshold 'lock-wait' (expected e.g. 500ms, 30s, 5m, 2h, 7d)");
    assertThatThrownBy(() -> HealthThresholds.defaults().with(Map.of("bloat-min-ratio", "-1")))
        .hasMessage("bad value '-1' for health threshold 'bloat-min-ratio'");
  }

  @Test
  void keysAreTheComponentNamesInKebabCase() {
    assertThat(HealthThresholds.keys()).contains("fk-index-min-rows", "unused-index-min-stats-age",
        "xid-wraparound-fraction").hasSize(HealthThresholds.class.getRecordComponents().length);
  }
}

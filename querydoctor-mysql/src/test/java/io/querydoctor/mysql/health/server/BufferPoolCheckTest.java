package io.querydoctor.mysql.health.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.mysql.MySqlThresholds;
import org.junit.jupiter.api.Test;

/**
 * The buffer-pool rules over server numbers. Planting a cold, undersized pool on the shared test server would
 * leave every later test with its counters; the silent case on the real server is in HealthChecksIT.
 */
class BufferPoolCheckTest {

  private static final long MIB = 1 << 20;

  @Test
  void aWarmPoolThatHoldsTheDataIsSilent() {
    // Recorded from the embedded MariaDB 11.4.5 after loading a small schema.
    var sample = new BufferPoolCheck.Sample(42_823, 169, 64 * MIB, 12 * MIB);
    assertThat(BufferPoolCheck.findings(sample, MySqlThresholds.defaults())).isEmpty();
  }

  @Test
  void readsFromDiskFire() {
    var sample = new BufferPoolCheck.Sample(1_000_000, 50_000, 64 * MIB, 40 * MIB);
    assertThat(BufferPoolCheck.findings(sample, MySqlThresholds.defaults())).extracting(Finding::ruleId)
        .containsExactly("low-cache-hit-ratio");
  }

  @Test
  void aPoolFarSmallerThanTheDataFires() {
    var sample = new BufferPoolCheck.Sample(5_000, 10, 64 * MIB, 900 * MIB);
    assertThat(BufferPoolCheck.findings(sample, MySqlThresholds.defaults())).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("buffer-pool-undersized");
      assertThat(f.fix().sql()).isEqualTo("SET GLOBAL innodb_buffer_pool_size = " + 256 * MIB + ";");
    });
  }
}

package io.querydoctor.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MySqlThresholdsTest {

  @Test
  void overridesByKey() {
    MySqlThresholds t = MySqlThresholds.defaults().with(Map.of("long-running-query", "10s",
        "fragmentation-min-bytes", "2MB", "tmp-disk-ratio", "40%"));
    assertThat(t.longRunningQuery()).isEqualTo(Duration.ofSeconds(10));
    assertThat(t.fragmentationMinBytes()).isEqualTo(2L << 20);
    assertThat(t.tmpDiskRatio()).isEqualTo(0.40);
    assertThat(t.lockWait()).isEqualTo(MySqlThresholds.defaults().lockWait());
  }

  @Test
  void anUnknownKeyNamesTheKnownOnes() {
    assertThatThrownBy(() -> MySqlThresholds.defaults().with(Map.of("bloat-min-ratio", "0.5")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lock-wait");
    assertThatThrownBy(() -> MySqlThresholds.defaults().with(Map.of("lock-wait", "soon")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a duration");
  }
}

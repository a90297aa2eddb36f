package io.querydoctor.remedies.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool rules over sample series, at and around their thresholds. */
class PoolFindingsTest {

  private static final long SECOND = 1_000_000_000L;
  private static final PoolSizing BUSY = PoolSizing.of(1_000, 1_000L * 9 * 1_000_000, SECOND); // λ·W = 9
  private static final PoolSizing QUIET = PoolSizing.of(100, 100L * 20 * 1_000_000, SECOND); // λ·W = 2

  /** One sample a second for {@code seconds} seconds. */
  private static List<PoolSample> series(int seconds, int active, int waiting, int max) {
    List<PoolSample> samples = new ArrayList<>();
    for (int s = 0; s <= seconds; s++) {
      samples.add(new PoolSample(s * SECOND, active, waiting, max));
    }
    return samples;
  }

  private static List<String> rules(List<Finding> findings) {
    return findings.stream().map(Finding::ruleId).toList();
  }

  @Test
  void littlesLawIsThroughputTimesHoldTime() {
    assertThat(BUSY.concurrentNeeded()).isEqualTo(9.0);
    assertThat(BUSY.recommended()).isEqualTo(13); // 9 / 0.7 = 12.9
    assertThat(QUIET.recommended()).isEqualTo(3);
  }

  @Test
  void eightyPercentForAMinuteWithWaitersIsSaturation() {
    assertThat(rules(PoolFindings.defaults().judge(series(60, 8, 2, 10), BUSY))).containsExactly("pool-saturation");
    assertThat(PoolFindings.defaults().judge(series(60, 8, 2, 10), BUSY).get(0).fix().sql())
        .isEqualTo("maximumPoolSize=13");
  }

  @Test
  void shortOrWaiterlessOrBelowEightyPercentIsNotSaturation() {
    assertThat(PoolFindings.defaults().judge(series(59, 8, 2, 10), BUSY)).isEmpty();
    assertThat(rules(PoolFindings.defaults().judge(series(60, 8, 0, 10), BUSY))).doesNotContain("pool-saturation");
    assertThat(rules(PoolFindings.defaults().judge(series(60, 7, 2, 10), BUSY))).doesNotContain("pool-saturation");
  }

  @Test
  void aMostlyIdlePoolIsOversizedUnlessLittlesLawNeedsIt() {
    List<Finding> findings = PoolFindings.defaults().judge(series(60, 2, 0, 20), QUIET);
    assertThat(rules(findings)).containsExactly("pool-oversized");
    assertThat(findings.get(0).fix().sql()).isEqualTo("maximumPoolSize=3");
    assertThat(PoolFindings.defaults().judge(series(60, 11, 0, 20), QUIET)).isEmpty();
    assertThat(PoolFindings.defaults().judge(series(60, 2, 0, 4), QUIET)).isEmpty();
    assertThat(new PoolFindings(0.8, Duration.ofMinutes(2), 0.5).judge(series(60, 2, 0, 20), QUIET)).isEmpty();
  }
}

package io.querydoctor.remedies.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import org.junit.jupiter.api.Test;

/** The cache's rules at their thresholds: the runbook's 30 % hit ratio, writes against lookups. */
class CacheFindingsTest {

  private final StatementPlanner planner = new StatementPlanner(CacheOptions.builder().tables("t").build());
  private final StatementPlan read = planner.plan("SELECT * FROM t WHERE id = ?");

  private static void times(int n, Runnable r) {
    for (int i = 0; i < n; i++) {
      r.run();
    }
  }

  @Test
  void underThirtyPercentOverEnoughLookupsFiresAtThirtySilent() {
    CacheCounters low = new CacheCounters();
    times(29, () -> low.hit(read));
    times(71, () -> low.miss(read));
    assertThat(CacheFindings.defaults().judge(low)).extracting(Finding::ruleId).containsExactly("cache-ineffective");
    CacheCounters enough = new CacheCounters();
    times(30, () -> enough.hit(read));
    times(70, () -> enough.miss(read));
    assertThat(CacheFindings.defaults().judge(enough)).isEmpty();
  }

  @Test
  void aColdCacheIsNotJudged() {
    CacheCounters cold = new CacheCounters();
    times(99, () -> cold.miss(read));
    assertThat(CacheFindings.defaults().judge(cold)).isEmpty();
  }

  @Test
  void writesOutnumberingLookupsOfACachedTableFire() {
    CacheCounters counters = new CacheCounters();
    times(10, () -> counters.hit(read));
    times(21, () -> counters.written("t"));
    counters.written("uncached");
    assertThat(CacheFindings.defaults().judge(counters)).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("cache-write-heavy");
      assertThat(f.subject().name()).isEqualTo("t");
    });
    CacheCounters fewWrites = new CacheCounters();
    times(5, () -> fewWrites.hit(read));
    times(19, () -> fewWrites.written("t"));
    assertThat(CacheFindings.defaults().judge(fewWrites)).isEmpty();
  }
}

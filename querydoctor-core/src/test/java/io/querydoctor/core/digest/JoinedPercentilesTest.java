package io.querydoctor.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression (#24): the workload table showed p95 above max when pg_stat_statements' totals were joined with the
 * capture's percentiles (the capture times the driver and the network too, so its p95 can exceed the server's max).
 */
class JoinedPercentilesTest {

  private static ShapeDigest totalsOnly(String fingerprint, double maxMillis) {
    return new ShapeDigest(fingerprint, "SELECT 1", "SELECT", 100, 300, 3, 1, maxMillis, null, null, null, 100L, null,
        null, null, null, null, null, null, null, null, true, null, false);
  }

  @Test
  void maxComesFromTheSameSourceAsThePercentiles() {
    WorkloadDigest statements = new WorkloadDigest("pg_stat_statements", 100, 300, null, null,
        List.of(totalsOnly("a", 5), totalsOnly("b", 50)), null, 0, null, ParseSummary.EMPTY);
    WorkloadDigest joined = statements.withPercentilesFrom(
        fingerprint -> fingerprint.equals("a") ? new double[] {4, 8, 9, 12} : null, "the JDBC capture");
    ShapeDigest a = joined.shapes().get(0);
    assertThat(a.p95Millis()).isEqualTo(8);
    assertThat(a.maxMillis()).isEqualTo(12).isGreaterThanOrEqualTo(a.p95Millis());
    assertThat(joined.shapes().get(1).maxMillis()).as("no percentiles joined: its own max").isEqualTo(50);
    assertThat(joined.source()).contains("p50, p95, p99 and max from the JDBC capture");
    for (ShapeDigest shape : joined.shapes()) {
      assertThat(shape.p95Millis() == null || shape.p95Millis() <= shape.maxMillis()).isTrue();
    }
  }
}

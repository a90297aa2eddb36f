package io.querydoctor.postgres.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadMergeTest {

  private static final SqlFingerprinter FINGERPRINTER = SqlFingerprinter.of(SqlDialect.POSTGRESQL);

  @Test
  void aStatementBothSourcesSawCountsOnceAtTheLargerRateWithTheGivenText() {
    // pg_stat_statements' text ($1) and a capture's normalized text (?) of one statement share a fingerprint.
    WorkloadStatement captured = new WorkloadStatement("SELECT id FROM posts WHERE user_id = ?", 600, 12, 3);
    WorkloadStatement server = new WorkloadStatement("SELECT id FROM posts WHERE user_id = $1", 250, 9, 3);
    List<WorkloadStatement> merged = WorkloadMerge.merge(List.of(captured), List.of(server), FINGERPRINTER);
    assertThat(merged).containsExactly(captured);
    List<WorkloadStatement> busierServer = WorkloadMerge.merge(List.of(captured),
        List.of(new WorkloadStatement(server.sql(), 5000, 9, 3)), FINGERPRINTER);
    assertThat(busierServer).singleElement().satisfies(s -> {
      assertThat(s.sql()).isEqualTo(captured.sql());
      assertThat(s.callsPerHour()).isEqualTo(5000);
      assertThat(s.meanMillis()).isEqualTo(12);
    });
  }

  @Test
  void statementsOnlyOneSourceHoldsAreKeptAsTheyAre() {
    WorkloadStatement logged = new WorkloadStatement("SELECT id FROM posts WHERE user_id = ?", 60, 0, 1);
    WorkloadStatement server = new WorkloadStatement("SELECT id FROM orders WHERE status = $1", 40, 5, 10);
    assertThat(WorkloadMerge.merge(List.of(logged), List.of(server), FINGERPRINTER))
        .containsExactly(logged, server);
    assertThat(WorkloadMerge.merge(List.of(), List.of(server), FINGERPRINTER)).containsExactly(server);
  }
}

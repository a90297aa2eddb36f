package io.querydoctor.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.sql.Fingerprint;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FingerprintRunTest {

  private static final String SQL = "SELECT * FROM comments WHERE post_id = ?";
  private static final Fingerprint FINGERPRINT = SqlFingerprinter.of(SqlDialect.POSTGRESQL).fingerprint(SQL);

  private static FingerprintRun run(long... parameterHashes) {
    List<StatementEvent> events = new ArrayList<>();
    for (long hash : parameterHashes) {
      events.add(new StatementEvent(SQL, FINGERPRINT, 1, hash, 0, 1000, 1, 1, true, false, -1, "main", 1, null));
    }
    return new FingerprintRun(FINGERPRINT.id(), events);
  }

  @Test
  void repeatedValuesAreFoundExactlyWhateverTheMasksSay() {
    // The two-mask pre-check may only say "maybe": compared with a set over 20 000 random runs of 2..64
    // executions, with and without a repeat, from few and from many distinct values.
    Random random = new Random(42);
    for (int trial = 0; trial < 20_000; trial++) {
      int n = 2 + random.nextInt(63);
      int range = random.nextBoolean() ? 1 + random.nextInt(4 * n) : Integer.MAX_VALUE;
      long[] values = new long[n];
      Set<Long> seen = new HashSet<>();
      boolean repeats = false;
      for (int i = 0; i < n; i++) {
        values[i] = random.nextInt(range);
        repeats |= !seen.add(values[i]);
      }
      assertThat(run(values).hasRepeatedValues()).as("trial %d", trial).isEqualTo(repeats);
    }
  }

  @Test
  void aLoopOverDistinctIdsHasNoRepeatAndDifferentValues() {
    FingerprintRun loop = run(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(loop.hasRepeatedValues()).isFalse();
    assertThat(loop.hasDifferentValues()).isTrue();
    assertThat(run(7, 7, 7).hasDifferentValues()).isFalse();
    assertThat(run(7, 7, 7).hasRepeatedValues()).isTrue();
  }

  @Test
  void totalsAreTakenInOnePass() {
    FingerprintRun loop = run(1, 2, 3);
    assertThat(loop.totalNanos()).isEqualTo(3000);
    assertThat(loop.succeeded()).isEqualTo(3);
    assertThat(loop.callSite()).isNull();
  }
}

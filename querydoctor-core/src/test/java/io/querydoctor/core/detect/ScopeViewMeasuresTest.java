package io.querydoctor.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.ScopeKind;
import io.querydoctor.core.capture.ScopeRecord;
import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.capture.TransactionRecord;
import io.querydoctor.core.detect.ScopeGate.Measure;
import io.querydoctor.core.sql.Fingerprint;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine reads a gate's measure from {@link ScopeView#measures()} at the measure's ordinal: every measure
 * must sit at its own index, with a value no other measure has here, so that a swapped pair fails.
 */
class ScopeViewMeasuresTest {

  private static final String SQL = "SELECT * FROM posts ORDER BY id LIMIT 20 OFFSET 300";
  private static final Fingerprint FINGERPRINT = SqlFingerprinter.of(SqlDialect.POSTGRESQL).fingerprint(SQL);

  @Test
  void everyMeasureIsAtItsOrdinal() {
    List<StatementEvent> own = List.of(event(5_000, 42), event(9_000, 7));
    TransactionRecord tx = new TransactionRecord(1, 0, 10, true, 2, 14_000, 0, -1, FINGERPRINT.id(), SQL);
    ScopeRecord scope = new ScopeRecord(1, 0, "GET /posts", ScopeKind.EXPLICIT, "main", 0, 20_000, own, 11,
        14_000, 4, List.of(tx, tx, tx));

    long[] measures = ScopeView.of(scope).measures();

    assertThat(measures).hasSize(Measure.values().length);
    assertThat(measures[Measure.OWN_STATEMENTS.ordinal()]).isEqualTo(2);
    assertThat(measures[Measure.STATEMENTS.ordinal()]).isEqualTo(11);
    assertThat(measures[Measure.MAX_ELAPSED_NANOS.ordinal()]).isEqualTo(9_000);
    assertThat(measures[Measure.MAX_ROWS.ordinal()]).isEqualTo(42);
    assertThat(measures[Measure.MAX_OFFSET.ordinal()]).isEqualTo(300);
    assertThat(measures[Measure.TRANSACTIONS.ordinal()]).isEqualTo(3);
    assertThat(measures[Measure.CONNECTIONS_OPENED.ordinal()]).isEqualTo(4);
    assertThat(measures[Measure.DROPPED_STATEMENTS.ordinal()]).as("11 counted, 2 kept").isEqualTo(9);
  }

  private static StatementEvent event(long elapsedNanos, long rows) {
    return new StatementEvent(SQL, FINGERPRINT, 1, 0, 0, elapsedNanos, rows, 1, true, false, 300, "main", 1, null);
  }
}

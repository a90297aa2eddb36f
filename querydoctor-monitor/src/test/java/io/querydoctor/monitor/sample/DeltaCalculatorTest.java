package io.querydoctor.monitor.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeltaCalculatorTest {

  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  private static StatementCounters statement(long id, long calls, double ms) {
    return new StatementCounters(id, "SELECT $1", calls, ms, calls, calls * 10, 1, 0);
  }

  private static DatabaseCounters database(long commits, long rollbacks, String reset) {
    return new DatabaseCounters(commits, rollbacks, 1000 + commits, 10, 0, 0, 0, reset);
  }

  private static CounterSnapshot snapshot(int second, String start, String pgssReset, DatabaseCounters db,
      StatementCounters... statements) {
    Map<Long, StatementCounters> byId = new java.util.HashMap<>();
    for (StatementCounters s : statements) {
      byId.put(s.queryid(), s);
    }
    TableCounters table = new TableCounters("public.t", 5 + second, 1, 0, 0, 0, 3, 7);
    return new CounterSnapshot(T0.plusSeconds(second), start, pgssReset, db, byId, Map.of("public.t", table));
  }

  @Test
  void differencesGrowingCounters() {
    Deltas d = DeltaCalculator.between(
        snapshot(0, "boot", null, database(100, 5, null), statement(1, 10, 20.0), statement(2, 4, 4.0)),
        snapshot(60, "boot", null, database(130, 6, null), statement(1, 15, 30.0), statement(2, 4, 4.0)));

    assertThat(d.countersReset()).isFalse();
    assertThat(d.database().xactCommit()).isEqualTo(30);
    assertThat(d.database().xactRollback()).isEqualTo(1);
    assertThat(d.statements()).singleElement().satisfies(s -> {
      assertThat(s.queryid()).isEqualTo(1);
      assertThat(s.calls()).isEqualTo(5);
      assertThat(s.totalExecMs()).isEqualTo(10.0);
    });
    assertThat(d.tables()).singleElement().satisfies(t -> {
      assertThat(t.seqScan()).isEqualTo(60);
      assertThat(t.nDeadTup()).isEqualTo(3);
    });
  }

  @Test
  void statementsResetTakesTheCurrentValuesNeverNegative() {
    Deltas d = DeltaCalculator.between(
        snapshot(0, "boot", "2026-12-06 09:00", database(100, 5, null), statement(1, 50, 500.0)),
        snapshot(60, "boot", "2026-12-06 10:00:30", database(110, 5, null), statement(1, 3, 9.0)));

    assertThat(d.countersReset()).isTrue();
    assertThat(d.statements()).singleElement().satisfies(s -> {
      assertThat(s.calls()).isEqualTo(3);
      assertThat(s.totalExecMs()).isEqualTo(9.0);
    });
    assertThat(d.database().xactCommit()).isEqualTo(10);
  }

  @Test
  void oneEntryEvictedAndRecreatedCountsOnlyItsNewCalls() {
    Deltas d = DeltaCalculator.between(
        snapshot(0, "boot", null, database(100, 5, null), statement(1, 50, 500.0), statement(2, 10, 10.0)),
        snapshot(60, "boot", null, database(101, 5, null), statement(1, 2, 4.0), statement(2, 12, 12.0)));

    assertThat(d.statements()).extracting(StatementCounters::calls).containsExactlyInAnyOrder(2L, 2L);
    assertThat(d.statements()).allSatisfy(s -> assertThat(s.totalExecMs()).isNotNegative());
  }

  @Test
  void cleanRestartKeepsTheSavedCountersSoTheyAreDifferenced() {
    // A clean shutdown saves the statistics and the next start loads them: the counters go on. Taking the
    // restart for a reset would count the 10 calls and 100 commits before the previous reading again.
    Deltas d = DeltaCalculator.between(
        snapshot(0, "boot-1", "r0", database(100, 5, null), statement(1, 10, 10.0)),
        snapshot(60, "boot-2", "r0", database(150, 9, null), statement(1, 12, 13.0)));

    assertThat(d.countersReset()).isFalse();
    assertThat(d.database().xactCommit()).isEqualTo(50);
    assertThat(d.statements()).singleElement().satisfies(s -> assertThat(s.calls()).isEqualTo(2));
  }

  @Test
  void crashRestartStampsNewResetTimesSoEverythingStartsAgain() {
    // Crash recovery throws the statistics away and stamps new reset times; the counters may by chance already
    // exceed the old ones, which a plain "did it decrease" test would take for growth and double count.
    Deltas d = DeltaCalculator.between(
        snapshot(0, "boot-1", "r0", database(100, 5, "d0"), statement(1, 10, 10.0)),
        snapshot(60, "boot-2", "r1", database(150, 9, "d1"), statement(1, 12, 13.0)));

    assertThat(d.countersReset()).isTrue();
    assertThat(d.database().xactCommit()).isEqualTo(150);
    assertThat(d.statements()).singleElement().satisfies(s -> assertThat(s.calls()).isEqualTo(12));
  }

  @Test
  void databaseCountersThatDecreaseAreAResetNotANegativeDelta() {
    Deltas d = DeltaCalculator.between(
        snapshot(0, "boot", null, database(100, 5, "r1"), statement(1, 10, 10.0)),
        snapshot(60, "boot", null, database(20, 1, "r1"), statement(1, 10, 10.0)));

    assertThat(d.countersReset()).isTrue();
    assertThat(d.database().xactCommit()).isEqualTo(20);
    assertThat(d.database().xactRollback()).isEqualTo(1);
  }

  @Test
  void newStatementCountsFromZero() {
    Deltas d = DeltaCalculator.between(
        snapshot(0, "boot", null, database(1, 0, null)),
        snapshot(60, "boot", null, database(2, 0, null), statement(7, 3, 6.0)));

    assertThat(d.countersReset()).isFalse();
    assertThat(d.statements()).singleElement().satisfies(s -> assertThat(s.calls()).isEqualTo(3));
  }
}

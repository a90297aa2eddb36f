package io.querydoctor.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each per-scope memory bound (CaptureOptions, docs/capture.md): where it holds and where it is not reached. */
class ScopeBoundsTest {

  private final ManualTicker ticker = new ManualTicker();

  private CaptureSession session(CaptureOptions.Builder options) {
    return CaptureSession.start(options.ticker(ticker).slowQueryLog(false).build());
  }

  @Test
  void statementsBeyondTheLimitAreCountedExactlyAndNotKept() {
    CaptureSession session = session(CaptureOptions.builder().maxStatementsPerScope(5));
    FakeConnection c = new FakeConnection(session, ticker, false);
    Scope scope = session.scope("job");
    for (int i = 0; i < 12; i++) {
      c.run("SELECT c" + i + " FROM t", 1);
    }
    scope.close();

    assertThat(scope.record().statements()).hasSize(5);
    assertThat(scope.record().statementCount()).isEqualTo(12);
    assertThat(scope.record().droppedStatements()).isEqualTo(7);
    assertThat(session.aggregate().totalCalls()).isEqualTo(12);
  }

  @Test
  void repeatCountersStopAtTheStatementLimitSoDistinctFingerprintsCannotGrowAScope() {
    CaptureSession session = session(CaptureOptions.builder().maxStatementsPerScope(3));
    FakeConnection c = new FakeConnection(session, ticker, false);
    Scope scope = session.scope("generated SQL");
    for (int i = 0; i < 50; i++) {
      c.run("SELECT c" + i + " FROM t", 1);
    }
    assertThat(scope.countedFingerprints()).isEqualTo(3);
    scope.close();
  }

  @Test
  void fingerprintsCountedBeforeTheLimitKeepCountingTheirRepeats() {
    CaptureSession session = session(CaptureOptions.builder().maxStatementsPerScope(3));
    FakeConnection c = new FakeConnection(session, ticker, false);
    Scope scope = session.scope("loop");
    c.run("SELECT * FROM a WHERE id = 1", 1).run("SELECT * FROM a WHERE id = 2", 1);
    String counted = session.fingerprint("SELECT * FROM a WHERE id = 3", io.querydoctor.core.sql.SqlDialect.POSTGRESQL)
        .id();
    assertThat(scope.countedFingerprints()).isEqualTo(1);
    assertThat(scope.occurrence(counted)).as("the third run").isEqualTo(3);
    for (int i = 0; i < 5; i++) {
      c.run("SELECT c" + i + " FROM t", 1);
    }
    assertThat(scope.countedFingerprints()).isEqualTo(3);
    assertThat(scope.occurrence(counted)).as("still counted past the limit").isEqualTo(4);
    assertThat(scope.occurrence("not counted")).isEqualTo(1);
    assertThat(scope.occurrence("not counted")).isEqualTo(1);
    scope.close();
  }

  @Test
  void distinctTextsStopBeingKeptAtTheTextBound() {
    CaptureSession session = session(CaptureOptions.builder().maxScopeTextChars(100));
    FakeConnection c = new FakeConnection(session, ticker, false);
    Scope scope = session.scope("import");
    for (int i = 0; i < 10; i++) {
      c.run(String.format("INSERT INTO t VALUES (%017d)", i), 1); // 40 characters each
    }
    scope.close();

    assertThat(scope.record().statements()).hasSize(2);
    assertThat(scope.record().droppedStatements()).isEqualTo(8);
    assertThat(session.aggregate().totalCalls()).isEqualTo(10);
  }

  @Test
  void oneTextRepeatedIsChargedOnceSoALoopIsNotCutShort() {
    CaptureSession session = session(CaptureOptions.builder().maxScopeTextChars(100));
    FakeConnection c = new FakeConnection(session, ticker, false);
    String prepared = "SELECT * FROM comments WHERE post_id = ?"; // 40 characters, one String instance
    Scope scope = session.scope("GET /posts");
    for (int i = 0; i < 50; i++) {
      c.run(prepared, i, 1, 1);
    }
    scope.close();

    assertThat(scope.record().statements()).hasSize(50);
    assertThat(scope.record().droppedStatements()).isZero();
  }

  @Test
  void aNestedScopesStatementsCountAgainstTheParentsTextBound() {
    CaptureSession session = session(CaptureOptions.builder().maxScopeTextChars(100));
    FakeConnection c = new FakeConnection(session, ticker, false);
    Scope outer = session.scope("outer");
    c.run(String.format("SELECT %033d", 1), 1); // 40 characters
    Scope inner = session.scope("inner");
    c.run(String.format("SELECT %033d", 2), 1).run(String.format("SELECT %033d", 3), 1);
    inner.close();
    outer.close();

    assertThat(inner.record().droppedStatements()).as("80 characters fit its own bound").isZero();
    assertThat(outer.record().statements()).as("40 + 80 do not").hasSize(1);
    assertThat(outer.record().droppedStatements()).isEqualTo(2);
  }

  @Test
  void twoAlternatingPreparedStatementsAreChargedOnceEach() {
    CaptureSession session = session(CaptureOptions.builder().maxScopeTextChars(100));
    ConnectionTracker tracker = session.connectionOpened(io.querydoctor.core.sql.SqlDialect.POSTGRESQL, false, true);
    String parent = "SELECT * FROM posts WHERE id = ?"; // 32 characters
    String child = "SELECT * FROM comments WHERE post_id = ?"; // 40 characters
    Scope scope = session.scope("GET /posts");
    // Each prepared once, as the JDBC layer fingerprints a prepared statement at prepare time, then run in turn.
    io.querydoctor.core.sql.Fingerprint parentShape = tracker.fingerprint(parent);
    io.querydoctor.core.sql.Fingerprint childShape = tracker.fingerprint(child);
    for (int i = 0; i < 50; i++) {
      tracker.statementExecuted(parent, parentShape, 1, i, -1, ticker.read(), 1000, 1, false);
      tracker.statementExecuted(child, childShape, 1, i, -1, ticker.read(), 1000, 1, false);
    }
    scope.close();

    assertThat(scope.textChars()).isEqualTo(72);
    assertThat(scope.record().statements()).hasSize(100);
  }

  @Test
  void transactionsBeyondTheLimitAreCounted() {
    CaptureSession session = session(CaptureOptions.builder().maxStatementsPerScope(2));
    ConnectionTracker tracker = session.connectionOpened(io.querydoctor.core.sql.SqlDialect.POSTGRESQL, false, false);
    Scope scope = session.scope("batch job");
    for (int i = 0; i < 5; i++) {
      tracker.statementExecuted("UPDATE t SET x = 1", 1, 0, -1, ticker.read(), 1000, 1, false);
      tracker.committed();
    }
    scope.close();

    assertThat(scope.record().transactions()).hasSize(2);
    assertThat(scope.record().droppedTransactions()).isEqualTo(3);
  }

  @Test
  void aTruncatedScopeGetsAnInfoFindingNamingWhereAnalysisStopped() {
    CaptureSession session = session(CaptureOptions.builder().maxStatementsPerScope(4));
    FakeConnection c = new FakeConnection(session, ticker, false);
    for (int run = 0; run < 2; run++) {
      try (Scope scope = session.scope("nightly import")) {
        for (int i = 0; i < 10 + run; i++) {
          c.run("SELECT c" + i + " FROM t", 1);
        }
      }
    }

    Finding truncated = truncation(session.findings());
    assertThat(truncated.severity()).isEqualTo(Severity.INFO);
    assertThat(truncated.title())
        .isEqualTo("Analysis of nightly import was truncated at 4 statements; 7 more were counted, not analysed");
    assertThat(truncated.evidence()).anySatisfy(e -> {
      assertThat(e.name()).isEqualTo("statements_not_analysed");
      assertThat(e.value()).isEqualTo(7.0);
    });
    assertThat(truncated.detail()).contains("2 of 2 runs", "13 statements in all");
  }

  @Test
  void aScopeAtExactlyItsLimitIsNotTruncated() {
    CaptureSession session = session(CaptureOptions.builder().maxStatementsPerScope(4));
    FakeConnection c = new FakeConnection(session, ticker, false);
    try (Scope scope = session.scope("request")) {
      for (int i = 0; i < 4; i++) {
        c.run("SELECT c" + i + " FROM t", 1);
      }
    }
    assertThat(session.findings()).noneMatch(f -> f.ruleId().equals("capture-truncated"));
  }

  private static Finding truncation(List<Finding> findings) {
    return findings.stream().filter(f -> f.ruleId().equals("capture-truncated")).findFirst().orElseThrow();
  }
}

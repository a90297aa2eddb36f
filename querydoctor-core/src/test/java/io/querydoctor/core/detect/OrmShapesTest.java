package io.querydoctor.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.CallSiteMode;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.FakeConnection;
import io.querydoctor.core.capture.ManualTicker;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.finding.Finding;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What ORMs send at the JDBC level, judged from the SQL and bound values alone: sequence calls, batch fetches,
 * JDBC batches, inserts in transactions. Regression tests for issue #23 (false N+1 on batch fetching, false
 * repeated-identical-query on nextval, a budget that fires on fixed code, long-transaction on plain INSERTs).
 */
class OrmShapesTest {

  private final ManualTicker ticker = new ManualTicker();
  private final CaptureSession session = CaptureSession.start(CaptureOptions.builder().ticker(ticker)
      .callSites(CallSiteMode.ON_REPEAT).slowQueryLog(false).build());

  private FakeConnection connection() {
    return new FakeConnection(session, ticker, false);
  }

  private List<String> rules(String scope) {
    return session.findings(scope).stream().map(Finding::ruleId).toList();
  }

  private void inScope(String name, java.util.function.Consumer<FakeConnection> work) {
    FakeConnection c = connection();
    try (Scope scope = session.scope(name)) {
      work.accept(c);
    }
  }

  @Test
  void nextvalPerRowIsSequencePerRowNotARepeatedQuery() {
    inScope("POST /loans", c -> {
      for (int i = 0; i < 30; i++) {
        c.run("select nextval('loan_seq')", 0, 0.2, 1);
        c.run("INSERT INTO loan (id, member) VALUES (?, ?)", i, 0.2, 1);
      }
    });
    assertThat(rules("POST /loans")).contains("sequence-per-row").doesNotContain("repeated-identical-query",
        "n-plus-one");
    Finding f = session.findings("POST /loans").stream().filter(x -> x.ruleId().equals("sequence-per-row"))
        .findFirst().orElseThrow();
    assertThat(f.title()).contains("loan_seq", "30 sequence calls per run");
    assertThat(f.fix().sql()).isEqualTo("ALTER SEQUENCE loan_seq INCREMENT BY 50");
  }

  @Test
  void blockAllocatedIdsAreQuiet() {
    inScope("POST /visits", c -> {
      for (int block = 0; block < 12; block++) {
        c.run("select nextval('visit_seq')", 0, 0.2, 1);
        c.execute("INSERT INTO visit (id, member) VALUES (?, ?)", 50, 0, -1, 2, 50);
      }
    });
    assertThat(rules("POST /visits")).isEmpty();
  }

  @Test
  void standardAndOracleSequenceSpellingsAreRecognised() {
    var fingerprinter = io.querydoctor.core.sql.SqlFingerprinter.of(io.querydoctor.core.sql.SqlDialect.POSTGRESQL);
    for (String sql : List.of("call next value for loan_seq", "values next value for loan_seq",
        "select loan_seq.nextval from dual", "SELECT nextval('public.loan_seq')")) {
      assertThat(SequenceCall.is(fingerprinter.fingerprint(sql))).as(sql).isTrue();
      assertThat(SequenceCall.name(sql)).as(sql).endsWith("loan_seq");
    }
    assertThat(SequenceCall.is(fingerprinter.fingerprint("SELECT nextval FROM t WHERE id = 1"))).isFalse();
  }

  @Test
  void batchFetchesOfManyKeysAreNotNPlusOneNorOverTheBudget() {
    inScope("GET /branches", c -> {
      c.run("SELECT * FROM branch ORDER BY id", 0, 1, 400);
      for (int batch = 0; batch < 40; batch++) {
        StringBuilder in = new StringBuilder();
        for (int k = 0; k < 10; k++) {
          in.append(k == 0 ? "" : ", ").append('?');
        }
        c.run("SELECT * FROM book WHERE branch_id IN (" + in + ")", batch, 1, 20);
        // The same as an array: the JDBC layer records the bound array's length as the batch size.
        c.execute("SELECT * FROM publisher WHERE id = ANY (?)", 10, batch, -1, 1, 10);
      }
    });
    assertThat(rules("GET /branches")).isEmpty();
  }

  @Test
  void batchesOfOneKeyAtATimeAreStillNPlusOne() {
    inScope("GET /branches one", c -> {
      for (int i = 0; i < 20; i++) {
        c.run("SELECT * FROM book WHERE branch_id IN (?)", i, 1, 2);
      }
    });
    assertThat(rules("GET /branches one")).contains("n-plus-one");
  }

  @Test
  void theBudgetCountsABatchAsOneUnitAndIsFiledUnderTheNPlusOneItExplains() {
    inScope("POST /import", c -> {
      for (int i = 0; i < 30; i++) {
        c.execute("INSERT INTO visit (id) VALUES (?)", 50, 0, -1, 1, 50);
      }
    });
    assertThat(rules("POST /import")).isEmpty();

    inScope("GET /posts", c -> {
      for (int i = 0; i < 30; i++) {
        c.run("SELECT * FROM comments WHERE post_id = ?", i, 1, 3);
      }
    });
    List<Finding> findings = session.findings("GET /posts");
    assertThat(findings).extracting(Finding::ruleId).containsExactly("n-plus-one");
    assertThat(findings.get(0).supporting()).extracting(Finding::ruleId).containsExactly("too-many-queries");
  }

  @Test
  void aBudgetWithNothingToExplainItStaysOnItsOwn() {
    inScope("GET /dashboard", c -> {
      for (int i = 0; i < 12; i++) {
        c.run("SELECT count(*) FROM t" + i, 1);
      }
    });
    assertThat(rules("GET /dashboard")).containsExactly("too-many-queries");
  }

  @Test
  void insertOnlyAndReadOnlyTransactionsAreNotLongTransactionsHoweverSlow() {
    inScope("POST /slow", c -> {
      c.tracker().autoCommitChanged(false);
      for (int i = 0; i < 5; i++) {
        c.run("INSERT INTO visit (id) VALUES (?)", i, 1, 1);
        ticker.advanceMillis(1_500);
      }
      c.tracker().committed();
      for (int i = 0; i < 3; i++) {
        c.run("SELECT * FROM visit WHERE id = ?", i, 1, 1);
        ticker.advanceMillis(1_500);
      }
      c.tracker().committed();
    });
    assertThat(rules("POST /slow")).doesNotContain("long-transaction");
  }

  @Test
  void manyShortGapsWithLocksHeldAreNotALongTransaction() {
    inScope("POST /fees", c -> {
      c.tracker().autoCommitChanged(false);
      c.run("SELECT * FROM account WHERE id = ? FOR NO KEY UPDATE", 1, 1, 1);
      for (int i = 0; i < 40; i++) {
        ticker.advanceMillis(50); // an ORM's flush on a busy machine: many short gaps, none long
        c.run("UPDATE account SET balance = ? WHERE id = ?", i, 1, 1);
      }
      c.tracker().committed();
    });
    assertThat(rules("POST /fees")).doesNotContain("long-transaction");

    inScope("POST /fees slow", c -> {
      c.tracker().autoCommitChanged(false);
      c.run("SELECT * FROM account WHERE id = ? FOR NO KEY UPDATE", 1, 1, 1);
      ticker.advanceMillis(1_200); // one remote call with the lock held
      c.run("UPDATE account SET balance = ? WHERE id = ?", 2, 1, 1);
      c.tracker().committed();
    });
    List<Finding> slow = session.findings("POST /fees slow");
    assertThat(slow).extracting(Finding::ruleId).containsExactly("long-transaction");
    assertThat(slow.get(0).callSite().className()).isEqualTo(OrmShapesTest.class.getName());
  }

  @Test
  void findingsArePerScopeNameAndResetForgetsThem() {
    inScope("GET /a", c -> {
      for (int i = 0; i < 6; i++) {
        c.run("SELECT * FROM comments WHERE post_id = ?", i, 1, 3);
      }
    });
    assertThat(rules("GET /a")).containsExactly("n-plus-one");
    assertThat(rules("GET /b")).isEmpty();
    assertThat(session.findings()).hasSize(1);
    session.reset();
    assertThat(session.findings()).isEmpty();
    assertThat(session.detections().runsOf("GET /a")).isZero();
  }

  @Test
  void aScopeFollowsItsWorkOntoAnExecutor() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (Scope scope = session.scope("GET /parallel")) {
      for (int i = 0; i < 9; i++) {
        long id = i;
        pool.submit(scope.wrap(() -> connection().run("SELECT * FROM comments WHERE post_id = ?", id, 1, 3)))
            .get();
      }
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
    List<Finding> findings = session.findings("GET /parallel");
    assertThat(findings).extracting(Finding::ruleId).containsExactly("n-plus-one");
    assertThat(findings.get(0).callSite().methodName()).isEqualTo("aScopeFollowsItsWorkOntoAnExecutor");
  }
}

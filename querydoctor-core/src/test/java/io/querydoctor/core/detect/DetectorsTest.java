package io.querydoctor.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.CallSiteMode;
import io.querydoctor.core.capture.CaptureListener;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.FakeConnection;
import io.querydoctor.core.capture.ManualTicker;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.SubjectKind;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every capture-side rule: one test where it fires and one where it must stay silent. */
class DetectorsTest {

  private final ManualTicker ticker = new ManualTicker();
  private final CaptureSession session = CaptureSession.start(CaptureOptions.builder().ticker(ticker)
      .callSites(CallSiteMode.ON_REPEAT).slowQueryLog(false).build());

  private FakeConnection connection() {
    return new FakeConnection(session, ticker, false);
  }

  private List<Finding> findings(String ruleId) {
    return session.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }

  private static double evidence(Finding finding, String name) {
    return finding.evidence().stream().filter(e -> e.name().equals(name)).mapToDouble(Evidence::value)
        .findFirst().orElseThrow();
  }

  private void postsWithComments(int posts, boolean sameParameters) {
    FakeConnection c = connection();
    try (Scope scope = session.scope("GET /posts")) {
      c.run("SELECT * FROM posts ORDER BY id LIMIT 20", 0, 2, posts);
      for (int i = 0; i < posts; i++) {
        c.run("SELECT * FROM comments WHERE post_id = ?", sameParameters ? 7 : i, 1, 3);
      }
    }
  }

  @Nested
  class NPlusOne {
    @Test
    void firesWithTheBatchedShapeAndTheCallSite() {
      postsWithComments(10, false);
      Finding finding = findings("n-plus-one").get(0);
      assertThat(finding.subject().kind()).isEqualTo(SubjectKind.FINGERPRINT);
      assertThat(finding.title()).contains("GET /posts", "comments", "post_id", "10 queries per run",
          DetectorsTest.class.getName());
      assertThat(finding.fix().sql()).isEqualTo("SELECT * FROM comments WHERE post_id = ANY (?)");
      assertThat(evidence(finding, "executions_per_scope")).isEqualTo(10);
      assertThat(evidence(finding, "total_time")).isEqualTo(10.0);
      assertThat(evidence(finding, "share_of_scope_time")).isEqualTo(10.0 / 12);
    }

    @Test
    void isAggregatedAcrossRunsOfTheScope() {
      postsWithComments(10, false);
      postsWithComments(8, false);
      postsWithComments(10, false);
      assertThat(findings("n-plus-one")).hasSize(1).first()
          .satisfies(f -> assertThat(evidence(f, "scope_runs_affected")).isEqualTo(3));
    }

    @Test
    void firesForAScopeThatRunsOnlyTheLoop() {
      // A scope of one shape takes the grouping's fast path (its run is the scope's statements themselves).
      FakeConnection c = connection();
      for (int run = 0; run < 2; run++) {
        try (Scope scope = session.scope("GET /comments")) {
          for (int i = 0; i < 6; i++) {
            c.run("SELECT * FROM comments WHERE post_id = ?", i, 2, 3);
          }
        }
      }
      assertThat(findings("n-plus-one")).hasSize(1).first().satisfies(f -> {
        assertThat(evidence(f, "executions_per_scope")).isEqualTo(6);
        assertThat(evidence(f, "scope_runs_affected")).isEqualTo(2);
        assertThat(evidence(f, "total_time")).isEqualTo(24.0);
      });
      assertThat(findings("repeated-identical-query")).isEmpty();
    }

    @Test
    void staysSilentBelowTheThresholdAndForIdenticalParameters() {
      postsWithComments(4, false);
      postsWithComments(9, true);
      assertThat(findings("n-plus-one")).isEmpty();
    }
  }

  @Nested
  class RepeatedIdenticalQuery {
    @Test
    void firesForTheSameParameters() {
      postsWithComments(3, true);
      assertThat(findings("repeated-identical-query")).hasSize(1).first()
          .satisfies(f -> assertThat(evidence(f, "identical_executions_per_scope")).isEqualTo(3));
    }

    @Test
    void staysSilentForDifferentParameters() {
      postsWithComments(3, false);
      assertThat(findings("repeated-identical-query")).isEmpty();
    }
  }

  @Nested
  class TooManyQueries {
    private void statements(int count) {
      FakeConnection c = connection();
      try (Scope scope = session.scope("checkout")) {
        for (int i = 0; i < count; i++) {
          c.run("SELECT * FROM table_" + i + " WHERE id = ?", 1, 1, 1);
        }
      }
    }

    @Test
    void firesOverTheBudget() {
      statements(11);
      Finding finding = findings("too-many-queries").get(0);
      assertThat(finding.subject().name()).isEqualTo("checkout");
      assertThat(evidence(finding, "statements_per_scope")).isEqualTo(11);
    }

    @Test
    void staysSilentAtTheBudget() {
      statements(10);
      assertThat(findings("too-many-queries")).isEmpty();
    }
  }

  @Nested
  class SlowQuery {
    @Test
    void firesInAScopeAndOutsideScopes() {
      connection().run("SELECT * FROM big WHERE x = 1", 150);
      assertThat(findings("slow-query")).hasSize(1).first().satisfies(f -> {
        assertThat(f.title()).contains("(no scope)");
        assertThat(evidence(f, "max_time")).isEqualTo(150);
        // Slow statements get a call site even on their first execution.
        assertThat(f.title()).contains(DetectorsTest.class.getName());
      });
    }

    @Test
    void staysSilentUnderTheThreshold() {
      connection().run("SELECT * FROM big WHERE x = 1", 99);
      assertThat(findings("slow-query")).isEmpty();
    }
  }

  /** slow-query, unbounded-result and offset-pagination inside scopes, where a scope's maxima are checked first. */
  @Nested
  class PerStatementRulesInScopes {
    @Test
    void fireForTheOneStatementOverTheirThreshold() {
      FakeConnection c = connection();
      try (Scope scope = session.scope("GET /report")) {
        c.run("SELECT * FROM big WHERE x = ?", 1, 2, 1).run("SELECT * FROM big WHERE x = ?", 2, 150, 1)
            .run("UPDATE orders SET seen = true", 0, 1, 50_000)
            .run("SELECT * FROM orders", 0, 40, 25_000)
            .execute("SELECT * FROM posts ORDER BY id LIMIT ? OFFSET ?", 1, 0, 40, 3, 20)
            .execute("SELECT * FROM posts ORDER BY id LIMIT ? OFFSET ?", 1, 0, 20_000, 3, 20);
      }
      assertThat(findings("slow-query")).hasSize(1).first().satisfies(f -> {
        assertThat(f.title()).contains("GET /report");
        assertThat(evidence(f, "max_time")).isEqualTo(150);
      });
      assertThat(findings("unbounded-result")).hasSize(1).first()
          .satisfies(f -> assertThat(f.title()).contains("25,000 rows"));
      assertThat(findings("offset-pagination")).hasSize(1).first()
          .satisfies(f -> assertThat(evidence(f, "offset")).isEqualTo(20_000));
    }

    @Test
    void staySilentWhenNoStatementCrossesIt() {
      FakeConnection c = connection();
      try (Scope scope = session.scope("GET /report")) {
        c.run("SELECT * FROM big WHERE x = ?", 1, 99, 1)
            .run("UPDATE orders SET seen = true", 0, 1, 50_000)
            .run("SELECT * FROM orders LIMIT 50000", 0, 40, 25_000)
            .execute("SELECT * FROM posts ORDER BY id LIMIT ? OFFSET ?", 1, 0, 1000, 3, 20);
      }
      assertThat(findings("slow-query")).isEmpty();
      assertThat(findings("unbounded-result")).isEmpty();
      assertThat(findings("offset-pagination")).isEmpty();
    }
  }

  @Nested
  class UnbatchedWrites {
    @Test
    void firesForSingleInserts() {
      FakeConnection c = connection();
      try (Scope scope = session.scope("import")) {
        for (int i = 0; i < 12; i++) {
          c.run("INSERT INTO events (id, payload) VALUES (" + i + ", 'x')", 0.5);
        }
      }
      assertThat(findings("unbatched-writes")).hasSize(1).first()
          .satisfies(f -> assertThat(evidence(f, "single_writes_per_scope")).isEqualTo(12));
    }

    @Test
    void staysSilentForABatch() {
      FakeConnection c = connection();
      try (Scope scope = session.scope("import")) {
        c.execute("INSERT INTO events (id, payload) VALUES (?, ?)", 12, 0, -1, 2, 12);
      }
      assertThat(findings("unbatched-writes")).isEmpty();
    }
  }

  @Nested
  class UnboundedResult {
    @Test
    void firesWithoutLimit() {
      connection().run("SELECT * FROM orders", 0, 40, 25_000);
      assertThat(findings("unbounded-result")).hasSize(1);
    }

    @Test
    void staysSilentWithLimitOrFewRows() {
      connection().run("SELECT * FROM orders LIMIT 50000", 0, 40, 25_000).run("SELECT * FROM orders", 0, 1, 500);
      assertThat(findings("unbounded-result")).isEmpty();
    }
  }

  @Nested
  class OffsetPagination {
    @Test
    void firesForALiteralOrBoundDeepOffset() {
      connection().run("SELECT * FROM posts ORDER BY id LIMIT 20 OFFSET 5000", 3)
          .execute("SELECT * FROM users ORDER BY id LIMIT ? OFFSET ?", 1, 0, 20_000, 3, 20);
      assertThat(findings("offset-pagination")).hasSize(2)
          .extracting(f -> evidence(f, "offset")).containsExactlyInAnyOrder(5000.0, 20_000.0);
    }

    @Test
    void staysSilentForShallowPages() {
      connection().run("SELECT * FROM posts ORDER BY id LIMIT 20 OFFSET 40", 3)
          .execute("SELECT * FROM users ORDER BY id LIMIT ? OFFSET ?", 1, 0, 1000, 3, 20);
      assertThat(findings("offset-pagination")).isEmpty();
    }
  }

  @Nested
  class LongTransaction {
    @Test
    void firesWhenIdleWhileHoldingLocks() {
      FakeConnection c = connection();
      c.tracker().autoCommitChanged(false);
      c.run("SELECT * FROM accounts WHERE id = ? FOR UPDATE", 1, 2, 1);
      ticker.advanceMillis(2_000);
      c.run("UPDATE accounts SET balance = ? WHERE id = ?", 1, 2, 1);
      c.tracker().committed();
      Finding finding = findings("long-transaction").get(0);
      assertThat(finding.subject().name()).isEqualTo("transaction");
      assertThat(evidence(finding, "open_time")).isEqualTo(2_004);
      assertThat(evidence(finding, "idle_ratio")).isCloseTo(2000.0 / 2004, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(evidence(finding, "lock_held_time")).isEqualTo(2_004);
      assertThat(finding.title()).contains("holding row locks");
    }

    @Test
    void staysSilentWhenBusyInTheDatabase() {
      FakeConnection c = connection();
      c.tracker().autoCommitChanged(false);
      c.run("SELECT * FROM accounts WHERE id = ? FOR UPDATE", 1, 1_500, 1);
      ticker.advanceMillis(500);
      c.tracker().committed();
      c.run("SELECT 1", 1);
      c.tracker().rolledBack();
      assertThat(findings("long-transaction")).isEmpty();
    }
  }

  @Nested
  class ConnectionChurn {
    @Test
    void firesWhenEveryRunOpensAConnection() {
      for (int i = 0; i < 3; i++) {
        try (Scope scope = session.scope("GET /report")) {
          new FakeConnection(session, ticker, true).run("SELECT 1", 1);
        }
      }
      assertThat(findings("connection-churn")).hasSize(1).first()
          .satisfies(f -> assertThat(evidence(f, "connections_per_scope")).isEqualTo(1.0));
    }

    @Test
    void staysSilentWithAPool() {
      FakeConnection pooled = connection();
      try (Scope scope = session.scope("GET /report")) {
        new FakeConnection(session, ticker, false).run("SELECT 1", 1);
      }
      for (int i = 0; i < 20; i++) {
        try (Scope scope = session.scope("GET /report")) {
          pooled.run("SELECT 1", 1);
        }
      }
      assertThat(findings("connection-churn")).isEmpty();
    }
  }

  @Test
  void callSiteIsTheApplicationFrame() {
    CaptureSession always = CaptureSession.start(CaptureOptions.builder().ticker(ticker)
        .callSites(CallSiteMode.ALWAYS).slowQueryLog(false).build());
    List<StatementEvent> events = new CopyOnWriteArrayList<>();
    always.addListener(new CaptureListener() {
      @Override
      public void statementExecuted(StatementEvent event) {
        events.add(event);
      }
    });
    new FakeConnection(always, ticker, false).run("SELECT 1", 1);
    assertThat(events.get(0).callSite().className()).isEqualTo(DetectorsTest.class.getName());
    assertThat(events.get(0).callSite().methodName()).isEqualTo("callSiteIsTheApplicationFrame");
  }

  @Test
  void batchedShapeRewritesTheLastEquality() {
    assertThat(BatchedShape.anyArray("SELECT c.id FROM comment c WHERE c.post_id = ? ORDER BY c.id"))
        .isEqualTo("SELECT c.id FROM comment c WHERE c.post_id = ANY (?) ORDER BY c.id");
    assertThat(BatchedShape.anyArray("SELECT * FROM t WHERE a > ?")).isNull();
    assertThat(BatchedShape.table("SELECT x FROM public.t WHERE a = ?")).isEqualTo("public.t");
  }
}

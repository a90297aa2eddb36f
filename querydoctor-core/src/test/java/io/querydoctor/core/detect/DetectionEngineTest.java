package io.querydoctor.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.FakeConnection;
import io.querydoctor.core.capture.ManualTicker;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.finding.Finding;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The engine's gates: a detector is called for the scopes its gate opens to, and its gate opens at its threshold. */
class DetectionEngineTest {

  private final ManualTicker ticker = new ManualTicker();
  private final CaptureSession session = CaptureSession.start(CaptureOptions.builder().ticker(ticker)
      .slowQueryLog(false).build());

  /** The rules found, including those filed under another finding as its supporting evidence. */
  private List<String> rulesFound() {
    return session.findings().stream()
        .flatMap(f -> java.util.stream.Stream.concat(java.util.stream.Stream.of(f), f.supporting().stream()))
        .map(Finding::ruleId).distinct().sorted().toList();
  }

  private void inScope(Consumer<FakeConnection> work) {
    FakeConnection c = new FakeConnection(session, ticker, false);
    try (Scope scope = session.scope("GET /gate")) {
      work.accept(c);
    }
  }

  @Test
  void gatesOpenExactlyAtTheDefaultThresholds() {
    inScope(c -> {
      for (int i = 0; i < 5; i++) {
        c.run("SELECT * FROM comments WHERE post_id = ?", i, 1, 1);
      }
      c.run("SELECT * FROM posts WHERE id = 1", 0, 100, 1)
          .run("SELECT * FROM events", 0, 1, 10_001)
          .execute("SELECT * FROM posts ORDER BY id LIMIT 20 OFFSET ?", 1, 0, 1_001, 1, 20);
      for (int i = 0; i < 10; i++) {
        c.run("INSERT INTO audit (id) VALUES (?)", i, 1, 1);
      }
    });
    assertThat(rulesFound()).containsExactly("n-plus-one", "offset-pagination", "slow-query", "too-many-queries",
        "unbatched-writes", "unbounded-result");
  }

  // Guards the one-entry cache of the last scope name's run counter: alternating names, and a name equal to the
  // last one but another String instance, must each count toward their own name.
  @Test
  void runsAreCountedPerScopeNameWhenNamesAlternateOrAreEqualCopies() {
    String users = "GET /users";
    for (String name : new String[] {users, "GET /orders", new String(users), new String(users), "GET /orders"}) {
      session.scope(name).close();
    }
    assertThat(session.detections().runsOf(users)).isEqualTo(3);
    assertThat(session.detections().runsOf("GET /orders")).isEqualTo(2);
  }

  @Test
  void gatesStayShutJustBelowTheDefaultThresholds() {
    inScope(c -> {
      for (int i = 0; i < 4; i++) {
        c.run("SELECT * FROM comments WHERE post_id = ?", i, 1, 1);
      }
      c.run("SELECT * FROM posts WHERE id = 1", 0, 99.9, 1)
          .run("SELECT * FROM events", 0, 1, 10_000)
          .execute("SELECT * FROM posts ORDER BY id LIMIT 20 OFFSET ?", 1, 0, 1_000, 1, 20)
          .run("SELECT 1", 1)
          .run("SELECT 2", 1)
          .run("SELECT 3", 1);
    });
    assertThat(rulesFound()).isEmpty();
  }

  @Test
  void aDetectorIsCalledOnlyForScopesItsGateOpensTo() {
    AtomicInteger called = new AtomicInteger();
    DetectionEngine engine = new DetectionEngine(List.of(
        counting(called, ScopeGate.atLeast(ScopeGate.Measure.OWN_STATEMENTS, 3))), 100);
    CaptureSession own = CaptureSession.start(CaptureOptions.builder().ticker(ticker).slowQueryLog(false).build());
    own.addListener(engine);
    FakeConnection c = new FakeConnection(own, ticker, false);
    try (Scope small = own.scope("two")) {
      c.run("SELECT 1", 1).run("SELECT 2", 1);
    }
    assertThat(called).hasValue(0);
    try (Scope large = own.scope("three")) {
      c.run("SELECT 1", 1).run("SELECT 2", 1).run("SELECT 3", 1);
    }
    assertThat(called).hasValue(1);
  }

  @Test
  void aDetectorWhoseGateThrowsGetsEveryScope() {
    AtomicInteger called = new AtomicInteger();
    Detector broken = new Detector() {
      @Override
      public String ruleId() {
        return "broken-gate";
      }

      @Override
      public ScopeGate gate() {
        throw new IllegalStateException("no gate");
      }

      @Override
      public void examine(ScopeView scope, Consumer<Detection> out) {
        called.incrementAndGet();
      }

      @Override
      public Optional<Finding> describe(DetectionSummary summary) {
        return Optional.empty();
      }
    };
    CaptureSession own = CaptureSession.start(CaptureOptions.builder().ticker(ticker).slowQueryLog(false).build());
    own.addListener(new DetectionEngine(List.of(broken), 100));
    own.scope("empty").close();
    assertThat(called).hasValue(1);
  }

  private static Detector counting(AtomicInteger called, ScopeGate gate) {
    return new Detector() {
      @Override
      public String ruleId() {
        return "counting";
      }

      @Override
      public ScopeGate gate() {
        return gate;
      }

      @Override
      public void examine(ScopeView scope, Consumer<Detection> out) {
        called.incrementAndGet();
      }

      @Override
      public Optional<Finding> describe(DetectionSummary summary) {
        return Optional.empty();
      }
    };
  }
}

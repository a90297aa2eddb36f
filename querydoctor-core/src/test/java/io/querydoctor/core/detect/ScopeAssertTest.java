package io.querydoctor.core.detect;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.FakeConnection;
import io.querydoctor.core.capture.ManualTicker;
import io.querydoctor.core.capture.Scope;
import org.junit.jupiter.api.Test;

class ScopeAssertTest {

  private final ManualTicker ticker = new ManualTicker();
  private final CaptureSession session = CaptureSession.start(CaptureOptions.builder().ticker(ticker)
      .slowQueryLog(false).build());

  private Scope loop(int comments) {
    FakeConnection c = new FakeConnection(session, ticker, false);
    try (Scope scope = session.scope("list posts")) {
      c.run("SELECT * FROM posts WHERE author = 'alice'", 1);
      for (int i = 0; i < comments; i++) {
        c.run("SELECT * FROM comments WHERE post_id = ?", i, 1, 2);
      }
      return scope;
    }
  }

  @Test
  void budgetFailureListsTheStatementsRedacted() {
    Scope scope = loop(6);
    assertThatThrownBy(() -> ScopeAssert.assertThat(scope).hasAtMostStatements(3))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("'list posts': 7 statements, budget 3")
        .hasMessageContaining("1. [1.00 ms] SELECT * FROM posts WHERE author = ?")
        .hasMessageContaining("7. [1.00 ms] SELECT * FROM comments WHERE post_id = ?")
        .hasMessageNotContaining("alice");
  }

  @Test
  void nPlusOneFailureNamesTheFingerprintTheCallSiteAndTheFix() {
    Scope scope = loop(6);
    assertThatThrownBy(() -> ScopeAssert.assertThat(scope).hasNoNPlusOne())
        .hasMessageContaining("n-plus-one")
        .hasMessageContaining(session.fingerprint("SELECT * FROM comments WHERE post_id = ?",
            io.querydoctor.core.sql.SqlDialect.POSTGRESQL).id())
        .hasMessageContaining("at " + ScopeAssertTest.class.getName() + ".loop(ScopeAssertTest.java:")
        .hasMessageContaining("post_id = ANY (?)");
  }

  @Test
  void passesWithinBudgetAndWithoutNPlusOne() {
    Scope scope = loop(2);
    assertThatCode(() -> ScopeAssert.assertThat(scope).hasAtMostStatements(3).hasNoNPlusOne())
        .doesNotThrowAnyException();
  }
}

package io.querydoctor.core.detect;

import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.capture.ScopeRecord;
import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.report.Quantities;
import java.util.List;

/**
 * Assertions on what a scope ran, for tests: query budgets and capture-side rules. A failure throws an
 * {@link AssertionError} whose message lists the statements (redacted), the offending fingerprint and its
 * call site, so the test output says what to fix.
 *
 * <pre>{@code
 * try (Scope scope = session.scope("list posts")) { service.listPosts(); }
 * ScopeAssert.assertThat(scope).hasAtMostStatements(3).hasNoNPlusOne();
 * }</pre>
 *
 * Statements of nested scopes count as the asserted scope's own.
 */
public final class ScopeAssert {

  private static final int LISTED = 30;

  private final ScopeRecord scope;
  private DetectorThresholds thresholds = DetectorThresholds.defaults();

  private ScopeAssert(ScopeRecord scope) {
    this.scope = flattened(scope);
  }

  public static ScopeAssert assertThat(Scope scope) {
    return new ScopeAssert(scope.snapshot());
  }

  public static ScopeAssert assertThat(ScopeRecord scope) {
    return new ScopeAssert(scope);
  }

  /** Uses these thresholds for the rule assertions instead of RULES.md's defaults. */
  public ScopeAssert withThresholds(DetectorThresholds value) {
    thresholds = value;
    return this;
  }

  public ScopeAssert hasAtMostStatements(int max) {
    if (scope.statementCount() > max) {
      throw new AssertionError("Query budget exceeded in '" + scope.name() + "': " + scope.statementCount()
          + " statements, budget " + max + ".\n" + listing());
    }
    return this;
  }

  public ScopeAssert hasNoNPlusOne() {
    return hasNo(NPlusOneDetector.RULE);
  }

  /** Fails when the capture-side rule {@code ruleId} fires on this scope. */
  public ScopeAssert hasNo(String ruleId) {
    DetectionEngine engine = new DetectionEngine(List.of(Detectors.forRule(ruleId, thresholds)), 1_000);
    engine.scopeClosed(scope);
    List<Finding> findings = engine.findings();
    if (!findings.isEmpty()) {
      StringBuilder message = new StringBuilder();
      for (Finding f : findings) {
        message.append(f.ruleId()).append(": ").append(f.title()).append("\n  fingerprint ")
            .append(f.subject().name()).append("\n  ").append(f.detail()).append("\n  fix: ")
            .append(f.fix().summary());
        if (f.fix().sql() != null) {
          message.append("\n      ").append(f.fix().sql());
        }
        message.append('\n');
      }
      throw new AssertionError(message + listing());
    }
    return this;
  }

  /** The statements, numbered, with time and call site, at most {@value #LISTED}. */
  private String listing() {
    StringBuilder out = new StringBuilder("Statements in '" + scope.name() + "':\n");
    List<StatementEvent> statements = scope.statements();
    for (int i = 0; i < Math.min(LISTED, statements.size()); i++) {
      StatementEvent e = statements.get(i);
      out.append(String.format("%4d. [%s] %s", i + 1, Quantities.millis(e.elapsedNanos() / 1e6),
          e.fingerprint().normalized()));
      if (e.callSite() != null) {
        out.append("  at ").append(e.callSite());
      }
      out.append('\n');
    }
    if (scope.statementCount() > LISTED) {
      out.append("  … ").append(scope.statementCount() - LISTED).append(" more\n");
    }
    return out.toString();
  }

  private static ScopeRecord flattened(ScopeRecord s) {
    List<StatementEvent> all = s.statements().stream().map(e -> e.inScope(s.id())).toList();
    return new ScopeRecord(s.id(), s.parentId(), s.name(), s.kind(), s.thread(), s.startNanos(), s.endNanos(), all,
        s.statementCount(), s.databaseNanos(), s.connectionsOpened(), s.transactions());
  }
}

package io.querydoctor.core.detect;

import io.querydoctor.core.capture.ScopeRecord;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code capture-truncated}: a unit of work ran more statements (or more SQL text) than capture keeps per scope,
 * so the statements past the bound were counted but not analysed: per-scope rules saw only the first ones. Not a
 * problem of the application's; it says the other findings about the scope may be incomplete, and which bound to
 * raise (see docs/capture.md, "Memory bounds").
 */
final class CaptureTruncatedDetector implements Detector {

  static final String RULE = "capture-truncated";

  @Override
  public String ruleId() {
    return RULE;
  }

  @Override
  public ScopeGate gate() {
    return ScopeGate.atLeast(ScopeGate.Measure.DROPPED_STATEMENTS, 1);
  }

  @Override
  public void examine(ScopeView view, Consumer<Detection> out) {
    ScopeRecord scope = view.scope();
    int dropped = scope.droppedStatements();
    if (dropped > 0) {
      out.accept(new Detection(RULE, scope.name(), null, "statements beyond the per-scope capture bounds", null,
          null, dropped, 0, scope.durationNanos(), scope.statements().size()));
    }
  }

  @Override
  public Optional<Finding> describe(DetectionSummary s) {
    long keptAtMost = (long) s.maxValue();
    return Optional.of(Finding.builder(RULE, Severity.INFO)
        .title(String.format("Analysis of %s was truncated at %d statements; %d more were counted, not analysed",
            s.scopeName(), keptAtMost, s.maxCount()))
        .subject(Subject.scope(s.scopeName()))
        .detail(s.occurrences() + " of " + s.scopeRuns() + " runs of '" + s.scopeName() + "' went past the "
            + "statements (or SQL text) capture keeps per scope; " + s.totalCount() + " statements in all were "
            + "counted in the aggregate but not examined by the per-scope rules, so findings about this scope may "
            + "be incomplete.")
        .evidence(Evidence.of("statements_analysed", keptAtMost, "count"))
        .evidence(Evidence.of("statements_not_analysed", s.maxCount(), "count"))
        .evidence(Evidence.of("scope_runs_truncated", s.occurrences(), "count"))
        .impact(Impact.unknown("capture bound reached: no time lost, analysis incomplete"))
        .fix(Fix.code("Open narrower scopes (one per request, job item or batch chunk), or raise "
            + "CaptureOptions.maxStatementsPerScope / maxScopeTextChars if the heap allows.", null))
        .build());
  }
}

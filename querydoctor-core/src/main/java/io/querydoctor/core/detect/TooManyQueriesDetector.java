package io.querydoctor.core.detect;

import io.querydoctor.core.capture.ScopeKind;
import io.querydoctor.core.capture.ScopeRecord;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** {@code too-many-queries}: a unit of work runs more statements than its budget (nested scopes included). */
final class TooManyQueriesDetector implements Detector {

  static final String RULE = "too-many-queries";

  private final int budget;

  TooManyQueriesDetector(int budget) {
    this.budget = budget;
  }

  @Override
  public String ruleId() {
    return RULE;
  }

  @Override
  public ScopeGate gate() {
    return ScopeGate.above(ScopeGate.Measure.STATEMENTS, budget);
  }

  @Override
  public void examine(ScopeView view, Consumer<Detection> out) {
    ScopeRecord scope = view.scope();
    if (scope.kind() == ScopeKind.STATEMENT) {
      return;
    }
    String top = FingerprintRun.byFingerprint(scope.statements(), e -> true).stream()
        .sorted(Comparator.comparingInt(FingerprintRun::count).reversed())
        .limit(3)
        .map(run -> run.count() + "× " + run.first().fingerprint().normalized())
        .collect(Collectors.joining("; "));
    out.accept(new Detection(RULE, scope.name(), null, top, null, null, scope.statementCount(),
        scope.databaseNanos(), scope.durationNanos(), scope.statementCount()));
  }

  @Override
  public Optional<Finding> describe(DetectionSummary s) {
    return Optional.of(Finding.builder(RULE, s.maxCount() >= budget * 5L ? Severity.HIGH : Severity.MEDIUM)
        .title(String.format("%s runs %d statements per run (budget %d)", s.scopeName(), s.maxCount(), budget))
        .subject(Subject.scope(s.scopeName()))
        .detail(s.occurrences() + " of " + s.scopeRuns() + " runs of '" + s.scopeName() + "' went over the budget, "
            + String.format("%.0f", s.countPerRun()) + " statements each on average, "
            + Quantities.format(s.shareOfScope(), "ratio") + " of their time in the database. Most frequent: "
            + s.example())
        .evidence(Evidence.crossed("statements_per_scope", s.maxCount(), "count", budget))
        .evidence(Evidence.of("scope_runs_affected", s.occurrences(), "count"))
        .evidence(Evidence.of("database_time", s.totalMillis(), "ms"))
        .impact(s.impact())
        .fix(Fix.code("Batch, join or fetch less: load related rows in one query, drop repeated reads, and "
            + "raise the budget only if every statement is needed.", null))
        .build());
  }
}

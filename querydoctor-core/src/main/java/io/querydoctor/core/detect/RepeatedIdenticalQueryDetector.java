package io.querydoctor.core.detect;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.core.sql.StatementKind;
import java.util.Optional;
import java.util.function.Consumer;

/** {@code repeated-identical-query}: the same read with the same parameters runs more than once in one scope. */
final class RepeatedIdenticalQueryDetector implements Detector {

  static final String RULE = "repeated-identical-query";

  private final int minExecutions;

  RepeatedIdenticalQueryDetector(int minExecutions) {
    this.minExecutions = minExecutions;
  }

  @Override
  public String ruleId() {
    return RULE;
  }

  @Override
  public ScopeGate gate() {
    return ScopeGate.atLeast(ScopeGate.Measure.OWN_STATEMENTS, minExecutions);
  }

  @Override
  public void examine(ScopeView scope, Consumer<Detection> out) {
    for (FingerprintRun shape : scope.byFingerprint(minExecutions)) {
      // Only a shape that repeats can hold identical executions: most scopes stop here.
      // A sequence call returns a new value each time: its repeats are sequence-per-row's, never this rule's.
      if (shape.count() < minExecutions || shape.first().fingerprint().shape().kind() != StatementKind.SELECT
          || !shape.hasRepeatedValues() || SequenceCall.is(shape.first().fingerprint())) {
        continue;
      }
      for (FingerprintRun run : FingerprintRun.by(shape.events(), e -> !e.failed(), FingerprintRun::valueKey)) {
        if (run.count() >= minExecutions) {
          out.accept(run.detection(RULE, scope.name(), scope.durationNanos(), run.count()));
        }
      }
    }
  }

  @Override
  public Optional<Finding> describe(DetectionSummary s) {
    return Optional.of(Finding.builder(RULE, s.maxCount() >= 10 ? Severity.MEDIUM : Severity.LOW)
        .title(String.format("Same query with the same parameters runs %d times in one %s%s", s.maxCount(),
            s.scopeName(), s.where()))
        .subject(Subject.fingerprint(s.fingerprintId()))
        .detail("`" + s.example() + "` returned the same result " + (s.maxCount() - 1)
            + " extra times in one run of '" + s.scopeName() + "' (" + s.occurrences() + " runs affected, "
            + Quantities.millis(s.totalMillis()) + " in total).")
        .evidence(Evidence.crossed("identical_executions_per_scope", s.maxCount(), "count", minExecutions))
        .evidence(Evidence.of("scope_runs_affected", s.occurrences(), "count"))
        .evidence(Evidence.of("total_time", s.totalMillis(), "ms"))
        .impact(s.impact())
        .fix(Fix.code("Run it once per unit of work and reuse the result (pass it down, or cache it for the "
            + "scope)" + (s.callSite() == null ? "." : "; it is called from " + s.callSite() + "."), null))
        .build());
  }
}

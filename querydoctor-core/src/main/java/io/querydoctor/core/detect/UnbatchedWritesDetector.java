package io.querydoctor.core.detect;

import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** {@code unbatched-writes}: one INSERT/UPDATE/DELETE shape runs N or more times singly in one scope. */
final class UnbatchedWritesDetector implements Detector {

  static final String RULE = "unbatched-writes";

  private final int minExecutions;

  UnbatchedWritesDetector(int minExecutions) {
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
      if (shape.count() < minExecutions || !shape.first().writes()) {
        continue;
      }
      List<StatementEvent> single = shape.events().stream().filter(e -> e.batchSize() <= 1 && !e.failed()).toList();
      if (single.size() >= minExecutions) {
        out.accept(new FingerprintRun(shape.key(), single)
            .detection(RULE, scope.name(), scope.durationNanos(), single.size()));
      }
    }
  }

  @Override
  public Optional<Finding> describe(DetectionSummary s) {
    return Optional.of(Finding.builder(RULE, s.maxCount() >= 100 ? Severity.HIGH : Severity.MEDIUM)
        .title(String.format("Unbatched writes in %s: %d single statements per run%s", s.scopeName(),
            s.maxCount(), s.where()))
        .subject(Subject.fingerprint(s.fingerprintId()))
        .detail("`" + s.example() + "` ran " + s.maxCount() + " times one row at a time in one run of '"
            + s.scopeName() + "' (" + Quantities.millis(s.totalMillis()) + " in total over " + s.occurrences()
            + " runs); each is a round trip and, in auto-commit, a commit.")
        .evidence(Evidence.crossed("single_writes_per_scope", s.maxCount(), "count", minExecutions))
        .evidence(Evidence.of("total_time", s.totalMillis(), "ms"))
        .evidence(Evidence.of("share_of_scope_time", s.shareOfScope(), "ratio"))
        .impact(s.impact())
        .fix(Fix.code(FrameworkFixes.sentence(FrameworkFixes.unbatchedWrites(s.callSite()))
            + (s.callSite() == null ? "." : ", at " + s.callSite() + "."), s.example()))
        .build());
  }
}

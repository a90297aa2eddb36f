package io.querydoctor.core.detect;

import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import java.util.Optional;
import java.util.function.Consumer;

/** {@code slow-query}: a statement takes longer than the threshold. */
final class SlowQueryDetector implements Detector {

  static final String RULE = "slow-query";

  private final long thresholdMillis;

  SlowQueryDetector(long thresholdMillis) {
    this.thresholdMillis = thresholdMillis;
  }

  @Override
  public String ruleId() {
    return RULE;
  }

  @Override
  public ScopeGate gate() {
    return ScopeGate.atLeast(ScopeGate.Measure.MAX_ELAPSED_NANOS,
        thresholdMillis >= Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : thresholdMillis * 1_000_000L);
  }

  @Override
  public void examineStatement(StatementEvent e, String scopeName, long scopeNanos, Consumer<Detection> out) {
    double millis = e.elapsedNanos() / 1e6;
    if (millis >= thresholdMillis) {
      out.accept(new Detection(RULE, scopeName, e.fingerprint().id(), e.fingerprint().normalized(), e.callSite(),
          null, 1, e.elapsedNanos(), scopeNanos, millis));
    }
  }

  @Override
  public Optional<Finding> describe(DetectionSummary s) {
    return Optional.of(Finding.builder(RULE, s.maxValue() >= 10L * thresholdMillis ? Severity.HIGH : Severity.MEDIUM)
        .title(String.format("Slow query in %s: %s at worst%s", s.scopeName(), Quantities.millis(s.maxValue()),
            s.where()))
        .subject(Subject.fingerprint(s.fingerprintId()))
        .detail("`" + s.example() + "` took longer than " + thresholdMillis + " ms " + s.totalCount()
            + " times (" + Quantities.millis(s.totalMillis()) + " in total).")
        .evidence(Evidence.crossed("max_time", s.maxValue(), "ms", thresholdMillis))
        .evidence(Evidence.of("slow_executions", s.totalCount(), "count"))
        .evidence(Evidence.of("total_time", s.totalMillis(), "ms"))
        .impact(s.impact())
        .fix(Fix.action("Look at its plan (EXPLAIN (ANALYZE, BUFFERS), or `querydoctor explain`) and follow the "
            + "plan findings: a missing index, stale statistics or a spill."))
        .build());
  }
}

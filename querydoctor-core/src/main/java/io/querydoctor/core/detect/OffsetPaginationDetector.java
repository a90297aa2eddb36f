package io.querydoctor.core.detect;

import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code offset-pagination}: OFFSET larger than the threshold. The database still reads and discards every
 * skipped row, so deep pages cost as much as reading everything before them.
 */
final class OffsetPaginationDetector implements Detector {

  static final String RULE = "offset-pagination";

  private final long maxOffset;

  OffsetPaginationDetector(long maxOffset) {
    this.maxOffset = maxOffset;
  }

  @Override
  public String ruleId() {
    return RULE;
  }

  @Override
  public ScopeGate gate() {
    return ScopeGate.above(ScopeGate.Measure.MAX_OFFSET, maxOffset);
  }

  @Override
  public void examineStatement(StatementEvent e, String scopeName, long scopeNanos, Consumer<Detection> out) {
    if (e.offset() > maxOffset) {
      out.accept(new Detection(RULE, scopeName, e.fingerprint().id(), e.fingerprint().normalized(), e.callSite(),
          null, 1, e.elapsedNanos(), scopeNanos, e.offset()));
    }
  }

  @Override
  public Optional<Finding> describe(DetectionSummary s) {
    return Optional.of(Finding.builder(RULE, s.maxValue() >= 100.0 * maxOffset ? Severity.HIGH : Severity.MEDIUM)
        .title(String.format("OFFSET pagination in %s: OFFSET up to %,.0f%s", s.scopeName(), s.maxValue(),
            s.where()))
        .subject(Subject.fingerprint(s.fingerprintId()))
        .detail("`" + s.example() + "` skipped up to " + String.format("%,.0f", s.maxValue())
            + " rows; the server reads and throws away every skipped row on each page (" + s.totalCount()
            + " deep pages seen).")
        .evidence(Evidence.crossed("offset", s.maxValue(), "rows", maxOffset))
        .evidence(Evidence.of("executions", s.totalCount(), "count"))
        .evidence(Evidence.of("total_time", s.totalMillis(), "ms"))
        .impact(s.impact())
        .fix(Fix.code("Use keyset pagination: remember the last row's sort key and ask for the rows after it.",
            "... WHERE (sort_key, id) > (?, ?) ORDER BY sort_key, id LIMIT ?"))
        .build());
  }
}

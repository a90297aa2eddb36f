package io.querydoctor.core.detect;

import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.sql.StatementKind;
import java.util.Optional;
import java.util.function.Consumer;

/** {@code unbounded-result}: a read without LIMIT returns more rows than the threshold (needs row counting). */
final class UnboundedResultDetector implements Detector {

  static final String RULE = "unbounded-result";

  private final long maxRows;

  UnboundedResultDetector(long maxRows) {
    this.maxRows = maxRows;
  }

  @Override
  public String ruleId() {
    return RULE;
  }

  @Override
  public ScopeGate gate() {
    return ScopeGate.above(ScopeGate.Measure.MAX_ROWS, maxRows);
  }

  @Override
  public void examineStatement(StatementEvent e, String scopeName, long scopeNanos, Consumer<Detection> out) {
    if (e.fingerprint().shape().kind() == StatementKind.SELECT && !e.fingerprint().shape().limited()
        && e.rows() > maxRows) {
      out.accept(new Detection(RULE, scopeName, e.fingerprint().id(), e.fingerprint().normalized(), e.callSite(),
          null, 1, e.elapsedNanos(), scopeNanos, e.rows()));
    }
  }

  @Override
  public Optional<Finding> describe(DetectionSummary s) {
    return Optional.of(Finding.builder(RULE, s.maxValue() >= 10.0 * maxRows ? Severity.HIGH : Severity.MEDIUM)
        .title(String.format("Unbounded result in %s: %,.0f rows without LIMIT%s", s.scopeName(), s.maxValue(),
            s.where()))
        .subject(Subject.fingerprint(s.fingerprintId()))
        .detail("`" + s.example() + "` has no LIMIT and returned up to " + String.format("%,.0f", s.maxValue())
            + " rows (" + s.totalCount() + " times); the application reads, transfers and holds all of them.")
        .evidence(Evidence.crossed("rows_returned", s.maxValue(), "rows", maxRows))
        .evidence(Evidence.of("executions", s.totalCount(), "count"))
        .impact(s.impact())
        .fix(Fix.code("Paginate with a keyset (WHERE sort_key > ? ORDER BY sort_key LIMIT ?), filter in SQL, "
            + "or stream with a fetch size if every row is really needed.", null))
        .build());
  }
}

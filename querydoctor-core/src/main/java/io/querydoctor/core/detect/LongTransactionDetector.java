package io.querydoctor.core.detect;

import io.querydoctor.core.capture.TransactionRecord;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code long-transaction}: a transaction stays open long while the application does no database work in it.
 * Its open time is compared with the time its statements took; the gap is the application's own work (I/O,
 * rendering, remote calls) done while the transaction, and any row locks it took, were held.
 */
final class LongTransactionDetector implements Detector {

  static final String RULE = "long-transaction";

  private final long minOpenMillis;
  private final double minIdleRatio;

  LongTransactionDetector(long minOpenMillis, double minIdleRatio) {
    this.minOpenMillis = minOpenMillis;
    this.minIdleRatio = minIdleRatio;
  }

  @Override
  public String ruleId() {
    return RULE;
  }

  @Override
  public ScopeGate gate() {
    return ScopeGate.atLeast(ScopeGate.Measure.TRANSACTIONS, 1);
  }

  @Override
  public void examine(ScopeView scope, Consumer<Detection> out) {
    for (TransactionRecord tx : scope.scope().transactions()) {
      double idle = tx.openNanos() <= 0 ? 0 : (double) tx.idleNanos() / tx.openNanos();
      if (tx.openNanos() >= minOpenMillis * 1_000_000L && idle > minIdleRatio) {
        // count = lock-taking statements, totalNanos = idle time, scopeNanos = open time, value = lock held ms
        out.accept(new Detection(RULE, scope.name(), tx.firstFingerprintId(), tx.firstStatement(), null, null,
            tx.lockingStatements(), tx.idleNanos(), tx.openNanos(), tx.lockHeldNanos() / 1e6));
      }
    }
  }

  @Override
  public Optional<Finding> describe(DetectionSummary s) {
    double openMillis = s.totalScopeNanos() / 1e6 / Math.max(1, s.occurrences());
    boolean locks = s.maxValue() > 0;
    return Optional.of(Finding.builder(RULE, locks ? Severity.HIGH : Severity.MEDIUM)
        .title(String.format("Long transaction in %s: open %s, %s of it idle%s", s.scopeName(),
            Quantities.millis(openMillis), Quantities.format(s.shareOfScope(), "ratio"),
            locks ? ", holding row locks " + Quantities.millis(s.maxValue()) : ""))
        .subject(Subject.scope(s.scopeName()))
        .detail("The transaction that starts with `" + s.example() + "` stayed open " + Quantities.millis(openMillis)
            + " on average (" + s.occurrences() + " times) while the application did no database work for "
            + Quantities.format(s.shareOfScope(), "ratio") + " of it"
            + (locks ? "; it took row locks (" + s.totalCount() + " locking statements) and held them up to "
                + Quantities.millis(s.maxValue()) + ", blocking other writers." : "."))
        .evidence(Evidence.crossed("open_time", openMillis, "ms", minOpenMillis))
        .evidence(Evidence.crossed("idle_ratio", s.shareOfScope(), "ratio", minIdleRatio))
        .evidence(Evidence.of("lock_held_time", s.maxValue(), "ms"))
        .impact(s.impact())
        .fix(Fix.code("Move the slow non-database work (I/O, rendering, remote calls) out of the transaction: "
            + "read, compute outside, then open a short transaction for the writes.", null))
        .build());
  }
}

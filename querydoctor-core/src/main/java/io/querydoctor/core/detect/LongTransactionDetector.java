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
 * {@code long-transaction}: a transaction holds row locks while the application does slow non-database work.
 *
 * <p>Design note. Only evidence that does not depend on how loaded the machine is decides: the transaction took
 * row locks on existing rows ({@code FOR UPDATE/SHARE}, {@code UPDATE}, {@code DELETE}; a plain {@code INSERT}
 * locks nothing anyone waits for, a read-only transaction nothing at all), and one gap between statements while
 * those locks were held — measured from the driver's return to the next statement, so time inside the driver
 * is not counted — is at least the open-time threshold (1 s). An ORM's flush, a JIT warm-up or a busy CPU
 * spreads its time over many short gaps, which never add up to one such gap; a remote call or a sleep does not.
 * The share of the open time spent outside the database must also exceed the idle ratio. Capture files
 * written before gaps were measured are judged by their open time and idle share alone.
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
    long min = minOpenMillis * 1_000_000L;
    for (TransactionRecord tx : scope.scope().transactions()) {
      double idle = tx.openNanos() <= 0 ? 0 : (double) tx.idleNanos() / tx.openNanos();
      boolean lockedGap = tx.longestLockedGapNanos() < 0 || tx.longestLockedGapNanos() >= min;
      if (tx.lockingStatements() > 0 && lockedGap && tx.openNanos() >= min && idle > minIdleRatio) {
        // count = lock-taking statements, totalNanos = idle time, scopeNanos = open time, value = lock held ms
        out.accept(new Detection(RULE, scope.name(), tx.firstFingerprintId(), tx.firstStatement(), tx.callSite(),
            null, tx.lockingStatements(), tx.idleNanos(), tx.openNanos(), tx.lockHeldNanos() / 1e6));
      }
    }
  }

  @Override
  public Optional<Finding> describe(DetectionSummary s) {
    double openMillis = s.totalScopeNanos() / 1e6 / Math.max(1, s.occurrences());
    boolean locks = s.maxValue() > 0;
    return Optional.of(Finding.builder(RULE, locks ? Severity.HIGH : Severity.MEDIUM)
        .title(String.format("Long transaction in %s: open %s, %s of it idle%s%s", s.scopeName(),
            Quantities.millis(openMillis), Quantities.format(s.shareOfScope(), "ratio"),
            locks ? ", holding row locks " + Quantities.millis(s.maxValue()) : "", s.where()))
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

package io.querydoctor.core.detect;

import io.querydoctor.core.capture.ScopeKind;
import io.querydoctor.core.capture.ScopeRecord;
import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code too-many-queries}: a unit of work runs more units of work than its budget (nested scopes included).
 *
 * <p>Design note. The budget counts units of work, not round trips: every statement is one unit, except that
 * the statements of one shape that carry many rows or keys — JDBC batches, batch fetches ({@code IN (…)} /
 * {@code = ANY(?)} with k &gt; 1 keys) — count as one unit together, and so do the calls of one sequence (judged
 * by {@code sequence-per-row}). Batching is the fix this rule asks for; batched work must not trip it. When an
 * N+1 or unbatched writes explain the count, the engine files this finding under that one as evidence.
 */
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
    List<FingerprintRun> runs = FingerprintRun.byFingerprint(scope.statements(), e -> true);
    long units = scope.droppedStatements();
    for (FingerprintRun run : runs) {
      units += units(run);
    }
    if (units <= budget) {
      return;
    }
    String top = runs.stream()
        .sorted(Comparator.comparingInt(FingerprintRun::count).reversed())
        .limit(3)
        .map(run -> run.count() + "× " + run.first().fingerprint().normalized())
        .collect(Collectors.joining("; "));
    out.accept(new Detection(RULE, scope.name(), null, top, null, null, units,
        scope.databaseNanos(), scope.durationNanos(), scope.statementCount()));
  }

  /** One shape's units of work: its batched statements (or sequence calls) together count one. */
  private static long units(FingerprintRun run) {
    if (SequenceCall.is(run.first().fingerprint())) {
      return 1;
    }
    boolean keyed = KeyLists.keyed(run.first().fingerprint());
    int batched = 0;
    for (StatementEvent e : run.events()) {
      if (e.batchSize() > 1 || keyed && KeyLists.keys(e) > 1) {
        batched++;
      }
    }
    return run.count() - batched + (batched > 0 ? 1 : 0);
  }

  @Override
  public Optional<Finding> describe(DetectionSummary s) {
    return Optional.of(Finding.builder(RULE, s.maxCount() >= budget * 5L ? Severity.HIGH : Severity.MEDIUM)
        .title(String.format("%s runs %d statements per run (budget %d)", s.scopeName(), s.maxCount(), budget))
        .subject(Subject.scope(s.scopeName()))
        .detail(s.occurrences() + " of " + s.scopeRuns() + " runs of '" + s.scopeName() + "' went over the budget, "
            + String.format("%.0f", s.countPerRun()) + " units of work each on average (a batch counts once), "
            + Quantities.format(s.shareOfScope(), "ratio") + " of their time in the database. Most frequent: "
            + s.example())
        .evidence(Evidence.crossed("statements_per_scope", s.maxCount(), "count", budget))
        .evidence(Evidence.of("scope_runs_affected", s.occurrences(), "count"))
        .evidence(Evidence.of("database_time", s.totalMillis(), "ms"))
        .impact(s.impact())
        .fix(Fix.code("Batch, join or fetch less: load related rows in one query, drop repeated reads, and "
            + "raise the budget only if every statement is needed (DetectorThresholds.withMaxStatementsPerScope).",
            null))
        .build());
  }
}

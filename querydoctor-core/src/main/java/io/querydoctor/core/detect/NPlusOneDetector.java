package io.querydoctor.core.detect;

import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.core.sql.StatementKind;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code n-plus-one}: one read shape runs at least N times in one scope with differing parameters.
 *
 * <p>Design note. Within a scope's own statements, reads are grouped by fingerprint; a group fires when it
 * has N or more executions and more than one distinct parameter set (a group with a single parameter set is
 * {@code repeated-identical-query} instead). Whether a "parent" query preceded the loop is not required: the
 * repetition itself is what costs round trips. The fix names the batched shape, derived from the redacted
 * text: the last {@code column = ?} becomes {@code column = ANY (?)} (one array parameter) — or, in the
 * framework's terms ({@link FrameworkFixes}), a join / batch fetch, or multi-id loading for a {@code find(id)}
 * loop — and, when the shape allows it, the querydoctor-remedies {@code BatchLoader} for it
 * ({@link BatchLoaderSnippet}). Two shapes never fire: sequence calls (each returns a new value; see {@code sequence-per-row}) and
 * batch fetches, statements carrying k &gt; 1 keys ({@link KeyLists}), unless the batches hold one key each.
 */
final class NPlusOneDetector implements Detector {

  static final String RULE = "n-plus-one";

  private final int minExecutions;

  NPlusOneDetector(int minExecutions) {
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
    for (FingerprintRun run : scope.byFingerprint(minExecutions)) {
      if (run.count() >= minExecutions && run.first().fingerprint().shape().kind() == StatementKind.SELECT
          && run.succeeded() >= minExecutions && run.hasDifferentValues()
          && !SequenceCall.is(run.first().fingerprint()) && oneKeyAtATime(run)) {
        out.accept(run.detection(RULE, scope.name(), scope.durationNanos(), run.count()));
      }
    }
  }

  /**
   * Whether the run loads its keys one statement each. A batch fetch ({@code IN (…)} or {@code = ANY(?)} with
   * k &gt; 1 keys) is one statement doing the work of k: however many batches there are, the loop is already
   * batched. Only statements that carried a single key count, so batches of one id at a time still fire.
   */
  private boolean oneKeyAtATime(FingerprintRun run) {
    if (!KeyLists.keyed(run.first().fingerprint())) {
      return true;
    }
    int single = 0;
    for (StatementEvent event : run.events()) {
      if (KeyLists.keys(event) <= 1) {
        single++;
      }
    }
    return single >= minExecutions;
  }

  /** Names the ORM mechanism when the framework entry point shows it. */
  private static String lazyLoading(String via) {
    if (via.contains(".collection.") || via.matches(".*Persistent(Bag|Set|List|Map|Collection)\\..*")) {
      return " (a lazily loaded collection, initialized once per parent)";
    }
    if (via.contains(".proxy.") || via.contains("Interceptor")) {
      return " (a lazily loaded entity proxy)";
    }
    return "";
  }

  @Override
  public Optional<Finding> describe(DetectionSummary s) {
    String column = BatchedShape.filterColumn(s.example());
    String table = BatchedShape.table(s.example());
    String batched = BatchedShape.anyArray(s.example());
    String what = table == null ? "the same query" : "rows of " + table + (column == null ? "" : " by " + column);
    Severity severity = s.maxCount() >= 50 || s.shareOfScope() >= 0.5 ? Severity.HIGH : Severity.MEDIUM;
    return Optional.of(Finding.builder(RULE, severity)
        .title(String.format("N+1 queries in %s: %s loaded one at a time, %.0f queries per run%s",
            s.scopeName(), what, s.countPerRun(), s.where()))
        .subject(Subject.fingerprint(s.fingerprintId()))
        .detail("In " + s.occurrences() + " of " + s.scopeRuns() + " runs of '" + s.scopeName() + "' the statement `"
            + s.example() + "` ran " + s.maxCount() + " times at most, each with different parameters"
            + (s.comment() == null ? "" : " (statement comment: " + s.comment() + ")")
            + (s.callSite() == null ? "" : ", called from " + s.callSite())
            + (s.callSite() == null || s.callSite().via() == null ? ""
                : " through " + s.callSite().via() + lazyLoading(s.callSite().via()))
            + ". Together they took " + Quantities.millis(s.totalMillis()) + ", "
            + Quantities.format(s.shareOfScope(), "ratio") + " of the scope's time; every execution is a round trip.")
        .evidence(Evidence.crossed("executions_per_scope", s.maxCount(), "count", minExecutions))
        .evidence(Evidence.of("scope_runs_affected", s.occurrences(), "count"))
        .evidence(Evidence.of("total_time", s.totalMillis(), "ms"))
        .evidence(Evidence.of("share_of_scope_time", s.shareOfScope(), "ratio"))
        .impact(s.impact())
        .fix(Fix.code(FrameworkFixes.sentence(FrameworkFixes.nPlusOne(s.callSite(), batched != null))
            + (s.callSite() == null ? "." : " at " + s.callSite() + "."), batched)
            .withCode(BatchLoaderSnippet.forShape(s.example()).orElse(null)))
        .build());
  }
}

package io.querydoctor.core.detect;

import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.core.sql.StatementKind;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code sequence-per-row}: ids are fetched from a sequence one round trip each.
 *
 * <p>Design note. A sequence call ({@link SequenceCall}) that runs N or more times in one scope is compared with
 * the rows the scope inserted (a JDBC batch counts its rows, a single INSERT its affected rows): an allocator
 * that takes ids in blocks of 50 makes one call per 50 rows and stays quiet; one call per row or two
 * (allocationSize 1) fires. A scope that fetches ids without inserting them in the same scope fires too.
 */
final class SequencePerRowDetector implements Detector {

  static final String RULE = "sequence-per-row";
  /** Fewer inserted rows per sequence call than this is "one round trip per id" (a block allocator gives 50). */
  static final int MIN_ROWS_PER_CALL = 5;

  private final int minCalls;

  SequencePerRowDetector(int minCalls) {
    this.minCalls = minCalls;
  }

  @Override
  public String ruleId() {
    return RULE;
  }

  @Override
  public ScopeGate gate() {
    return ScopeGate.atLeast(ScopeGate.Measure.OWN_STATEMENTS, minCalls);
  }

  @Override
  public void examine(ScopeView scope, Consumer<Detection> out) {
    long inserted = -1;
    // Indexed, not an iterator: this runs at every close of a scope with ten statements or more.
    List<FingerprintRun> runs = scope.byFingerprint(minCalls);
    for (int i = 0; i < runs.size(); i++) {
      FingerprintRun run = runs.get(i);
      if (run.count() < minCalls || !SequenceCall.is(run.first().fingerprint())) {
        continue;
      }
      if (inserted < 0) {
        inserted = insertedRows(scope);
      }
      if (inserted < (long) MIN_ROWS_PER_CALL * run.count()) {
        Detection d = run.detection(RULE, scope.name(), scope.durationNanos(), run.count());
        // The example names the sequence: an identifier, not a value.
        String example = "SELECT nextval('" + SequenceCall.name(run.first().sql()) + "')";
        out.accept(new Detection(d.ruleId(), d.scopeName(), d.fingerprintId(),
            SequenceCall.name(run.first().sql()) == null ? d.example() : example, d.callSite(), d.comment(),
            d.count(), d.totalNanos(), d.scopeNanos(), inserted));
      }
    }
  }

  private static long insertedRows(ScopeView scope) {
    long rows = 0;
    for (StatementEvent e : scope.ownStatements()) {
      if (e.fingerprint().shape().kind() == StatementKind.INSERT && !e.failed()) {
        rows += e.batchSize() > 1 ? e.batchSize() : Math.max(1, e.rows());
      }
    }
    return rows;
  }

  @Override
  public Optional<Finding> describe(DetectionSummary s) {
    String sequence = SequenceCall.name(s.example());
    String name = sequence == null ? "a sequence" : sequence;
    return Optional.of(Finding.builder(RULE, s.maxCount() >= 100 ? Severity.HIGH : Severity.MEDIUM)
        .title(String.format("Ids fetched one at a time from %s in %s: %d sequence calls per run%s", name,
            s.scopeName(), s.maxCount(), s.where()))
        .subject(Subject.fingerprint(s.fingerprintId()))
        .detail("`" + s.example() + "` ran " + s.maxCount() + " times in one run of '" + s.scopeName() + "' for "
            + String.format("%.0f", s.maxValue()) + " inserted rows at most: a round trip per id ("
            + Quantities.millis(s.totalMillis()) + " in total over " + s.occurrences() + " runs). Each call returns "
            + "a new value, so this is not a repeated query; the cost is the round trips.")
        .evidence(Evidence.crossed("sequence_calls_per_scope", s.maxCount(), "count", minCalls))
        .evidence(Evidence.of("inserted_rows", s.maxValue(), "rows"))
        .evidence(Evidence.of("total_time", s.totalMillis(), "ms"))
        .impact(s.impact())
        .fix(Fix.code(FrameworkFixes.sentence(FrameworkFixes.sequencePerRow(s.callSite(), sequence))
            + (s.callSite() == null ? "." : "; the ids are taken at " + s.callSite() + "."),
            sequence == null ? null : "ALTER SEQUENCE " + sequence + " INCREMENT BY 50"))
        .build());
  }
}

package io.querydoctor.core.detect;

import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.finding.Finding;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One capture-side rule. The {@link DetectionEngine} feeds it every closed scope; it reports what it sees as
 * {@link Detection}s, which the engine aggregates per (scope name, fingerprint) across runs of the scope and
 * hands back to {@link #describe} to become one finding.
 *
 * <p>Contract: called on the application thread that closed the scope, possibly concurrently, so
 * implementations keep no mutable state. Per-statement rules override {@link #examineStatement} only; it is
 * also called for statements that ran outside any scope. A detector that throws is logged and skipped.
 */
public interface Detector {

  /** The rule id from RULES.md. */
  String ruleId();

  /**
   * When this detector can fire; the engine calls {@link #examine} only for scopes that pass. The default
   * passes every scope.
   */
  default ScopeGate gate() {
    return ScopeGate.ALWAYS;
  }

  /**
   * Examines a closed scope that passed the {@link #gate()}. The default hands each of the scope's own statements
   * to examineStatement.
   */
  default void examine(ScopeView scope, Consumer<Detection> out) {
    for (StatementEvent event : scope.ownStatements()) {
      examineStatement(event, scope.name(), scope.durationNanos(), out);
    }
  }

  /** Examines one statement; only per-statement rules implement it. */
  default void examineStatement(StatementEvent event, String scopeName, long scopeNanos, Consumer<Detection> out) {}

  /** The finding for an aggregated detection, or empty when the aggregate does not cross the threshold. */
  Optional<Finding> describe(DetectionSummary summary);
}

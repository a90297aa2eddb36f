package io.querydoctor.core.detect;

import io.querydoctor.core.capture.ScopeRecord;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code connection-churn}: physical connections are opened per unit of work instead of borrowed from a pool.
 * Judged over all runs of a scope name: opens per run above the threshold.
 */
final class ConnectionChurnDetector implements Detector {

  static final String RULE = "connection-churn";

  private final double maxOpensPerRun;

  ConnectionChurnDetector(double maxOpensPerRun) {
    this.maxOpensPerRun = maxOpensPerRun;
  }

  @Override
  public String ruleId() {
    return RULE;
  }

  @Override
  public ScopeGate gate() {
    return ScopeGate.atLeast(ScopeGate.Measure.CONNECTIONS_OPENED, 1);
  }

  @Override
  public void examine(ScopeView view, Consumer<Detection> out) {
    ScopeRecord scope = view.scope();
    if (scope.connectionsOpened() > 0) {
      out.accept(new Detection(RULE, scope.name(), null, "connections opened", null, null,
          scope.connectionsOpened(), 0, scope.durationNanos(), scope.connectionsOpened()));
    }
  }

  @Override
  public Optional<Finding> describe(DetectionSummary s) {
    double perRun = (double) s.totalCount() / Math.max(1, s.scopeRuns());
    if (perRun <= maxOpensPerRun) {
      return Optional.empty();
    }
    return Optional.of(Finding.builder(RULE, perRun >= 1 ? Severity.HIGH : Severity.MEDIUM)
        .title(String.format("Connection churn in %s: %.2f new connections per run", s.scopeName(), perRun))
        .subject(Subject.scope(s.scopeName()))
        .detail(s.totalCount() + " physical connections were opened in " + s.scopeRuns() + " runs of '"
            + s.scopeName() + "'. Each costs a TCP and TLS handshake, authentication and a new server process "
            + "(milliseconds, and memory on the server).")
        .evidence(Evidence.crossed("connections_per_scope", perRun, "count", maxOpensPerRun))
        .evidence(Evidence.of("connections_opened", s.totalCount(), "count"))
        .impact(s.impact())
        .fix(Fix.code("Borrow connections from a pool (HikariCP) created once at startup, and close them to "
            + "return them to the pool.", null))
        .build());
  }
}

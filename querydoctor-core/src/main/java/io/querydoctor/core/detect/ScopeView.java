package io.querydoctor.core.detect;

import io.querydoctor.core.capture.ScopeRecord;
import io.querydoctor.core.capture.StatementEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A closed scope as the detectors read it: its own statements and their grouping by fingerprint, computed
 * once per scope and shared by every detector (scope close runs on the application thread).
 */
public final class ScopeView {

  private final ScopeRecord scope;
  private final List<StatementEvent> own;
  private List<FingerprintRun> byFingerprint;

  private ScopeView(ScopeRecord scope, List<StatementEvent> own) {
    this.scope = scope;
    this.own = own;
  }

  public static ScopeView of(ScopeRecord scope) {
    List<StatementEvent> all = scope.statements();
    boolean allOwn = true;
    for (StatementEvent event : all) {
      if (event.scopeId() != scope.id()) {
        allOwn = false;
        break;
      }
    }
    if (allOwn) {
      return new ScopeView(scope, all);
    }
    List<StatementEvent> own = new ArrayList<>();
    for (StatementEvent event : all) {
      if (event.scopeId() == scope.id()) {
        own.add(event);
      }
    }
    return new ScopeView(scope, own);
  }

  public ScopeRecord scope() {
    return scope;
  }

  public String name() {
    return scope.name();
  }

  public long durationNanos() {
    return scope.durationNanos();
  }

  /** Statements run while this scope was the innermost one (see {@link ScopeRecord#ownStatements()}). */
  public List<StatementEvent> ownStatements() {
    return own;
  }

  /** The own statements grouped by fingerprint, in order of first appearance. */
  List<FingerprintRun> byFingerprint() {
    if (byFingerprint == null) {
      byFingerprint = FingerprintRun.byFingerprint(own, event -> true);
    }
    return byFingerprint;
  }
}

package io.querydoctor.core.detect;

import io.querydoctor.core.capture.CallSite;

/** Running totals of one (rule, scope name, fingerprint) group; updates lock the group only. */
final class DetectionGroup {

  private final Detection first;
  private CallSite callSite;
  private String comment;
  private long occurrences;
  private long totalCount;
  private long maxCount;
  private long totalNanos;
  private long totalScopeNanos;
  private double maxValue = Double.NEGATIVE_INFINITY;

  DetectionGroup(Detection first) {
    this.first = first;
  }

  String scopeName() {
    return first.scopeName();
  }

  synchronized void add(Detection detection) {
    occurrences++;
    totalCount += detection.count();
    maxCount = Math.max(maxCount, detection.count());
    totalNanos += detection.totalNanos();
    totalScopeNanos += detection.scopeNanos();
    maxValue = Math.max(maxValue, detection.value());
    if (callSite == null) {
      callSite = detection.callSite();
    }
    if (comment == null) {
      comment = detection.comment();
    }
  }

  synchronized DetectionSummary summary(long scopeRuns, long windowNanos) {
    return new DetectionSummary(first.ruleId(), first.scopeName(), first.fingerprintId(), first.example(),
        callSite, comment, Math.max(scopeRuns, occurrences), occurrences, totalCount, maxCount, totalNanos,
        totalScopeNanos, maxValue, windowNanos);
  }
}

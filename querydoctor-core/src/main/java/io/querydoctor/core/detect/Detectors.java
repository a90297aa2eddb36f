package io.querydoctor.core.detect;

import java.util.List;

/** The capture-side rules of RULES.md, configured with one set of thresholds. */
public final class Detectors {

  private Detectors() {}

  /** Every capture-side detector. */
  public static List<Detector> all(DetectorThresholds t) {
    return List.of(
        new NPlusOneDetector(t.nPlusOneMinExecutions()),
        new RepeatedIdenticalQueryDetector(t.repeatedQueryMinExecutions()),
        new TooManyQueriesDetector(t.maxStatementsPerScope()),
        new SlowQueryDetector(t.slowQueryMillis()),
        new UnbatchedWritesDetector(t.unbatchedWritesMinExecutions()),
        new UnboundedResultDetector(t.unboundedResultRows()),
        new OffsetPaginationDetector(t.maxOffset()),
        new LongTransactionDetector(t.longTransactionMillis(), t.longTransactionIdleRatio()),
        new ConnectionChurnDetector(t.connectionOpensPerScope()),
        new SequencePerRowDetector(t.unbatchedWritesMinExecutions()),
        new CaptureTruncatedDetector());
  }

  /** The detector for {@code ruleId}, for assertions that check one rule. */
  public static Detector forRule(String ruleId, DetectorThresholds t) {
    return all(t).stream().filter(d -> d.ruleId().equals(ruleId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no capture-side rule '" + ruleId + "'"));
  }
}

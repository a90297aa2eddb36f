package io.querydoctor.core.verify;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Verification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Puts measured effects where they belong: on the finding (head or merged) whose fix was tried. */
public final class VerifiedFixes {

  private VerifiedFixes() {}

  /** {@code findings} with each verification in {@code byFindingKey} attached to the finding of that key. */
  public static List<Finding> attach(List<Finding> findings, Map<String, Verification> byFindingKey) {
    List<Finding> attached = new ArrayList<>();
    for (Finding head : findings) {
      List<Finding> supporting = head.supporting().stream().map(f -> with(f, byFindingKey)).toList();
      attached.add(with(head, byFindingKey).withSupporting(supporting));
    }
    return attached;
  }

  /** Every verification in {@code findings}, heads and merged findings, in report order. */
  public static List<Finding> verified(List<Finding> findings) {
    List<Finding> verified = new ArrayList<>();
    for (Finding head : findings) {
      if (head.verification() != null) {
        verified.add(head);
      }
      head.supporting().stream().filter(f -> f.verification() != null).forEach(verified::add);
    }
    return verified;
  }

  /**
   * Trials derived from a finding are keyed by {@link FixTrials#identity}; trials an application gives for its
   * code changes by the plain {@code rule:subject} key.
   */
  private static Finding with(Finding finding, Map<String, Verification> byFindingKey) {
    Verification verification = byFindingKey.getOrDefault(FixTrials.identity(finding), byFindingKey.get(finding.key()));
    if (verification == null) {
      return finding;
    }
    if (verification.improved()) {
      return finding.withVerification(verification);
    }
    return notImproved(finding, verification);
  }

  /**
   * A fix that was tried and did not help is evidence against the diagnosis, not a decoration of it: the finding
   * says so and drops one severity, and the verification's note starts with "no improvement".
   */
  public static Finding notImproved(Finding finding, Verification v) {
    Verification marked = new Verification(v.method(), v.metric(), v.before(), v.after(), v.runs(),
        "no improvement" + (v.note() == null || v.note().isBlank() ? "" : ": " + v.note()), v.p95Before(),
        v.p95After());
    String detail = (finding.detail().isEmpty() ? "" : finding.detail() + " ")
        + "The fix was tried (" + v.method().label() + ") and did not make it better by more than "
        + Math.round(Verification.MIN_IMPROVEMENT * 100) + " %: the cause may be elsewhere, so this finding's "
        + "severity was lowered from " + finding.severity().label() + ".";
    return finding.withVerification(marked).withDetail(detail).withSeverity(finding.severity().lower());
  }
}

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
    return verification == null ? finding : finding.withVerification(verification);
  }
}

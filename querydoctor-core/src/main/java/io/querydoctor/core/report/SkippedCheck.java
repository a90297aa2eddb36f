package io.querydoctor.core.report;

import java.util.Objects;

/**
 * A check that did not run, and why ("needs pg_read_all_stats", "server 12 < 13"). Reports list these so
 * that a silent section is never mistaken for a clean one.
 */
public record SkippedCheck(String check, String reason) {

  public SkippedCheck {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(reason, "reason");
  }
}

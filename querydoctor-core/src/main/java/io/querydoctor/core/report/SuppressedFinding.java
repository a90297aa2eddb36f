package io.querydoctor.core.report;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;

/**
 * A finding a suppression took out of the ranked list, with the reason the user gave.
 *
 * @param key {@code rule:subject}
 * @param ruleId its rule
 * @param severity its severity
 * @param title its title
 * @param reason why it is accepted
 */
public record SuppressedFinding(String key, String ruleId, Severity severity, String title, String reason) {

  static SuppressedFinding of(Finding f, String reason) {
    return new SuppressedFinding(f.key(), f.ruleId(), f.severity(), f.title(), reason);
  }
}

package io.querydoctor.core.report;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;

/**
 * A finding named by its key, as a baseline stores it and a comparison lists it.
 *
 * @param key {@code rule:subject}, what suppressions and baselines match on
 * @param ruleId its rule
 * @param severity its severity
 * @param title its title
 */
public record FindingRef(String key, String ruleId, Severity severity, String title) {

  static FindingRef of(Finding f) {
    return new FindingRef(f.key(), f.ruleId(), f.severity(), f.title());
  }
}

package io.querydoctor.core.diagnosis;

import java.util.Locale;

/**
 * What the user sees, as the runbook's diagnosis tree starts: it decides which analyzers a diagnosis runs. Without
 * a symptom every analyzer runs.
 */
public enum Symptom {
  /** One query is slow: its plan, its indexes, its statistics. Needs the query. */
  ONE_QUERY("one-query", "one query is slow: its plan and the indexes and statistics it depends on"),
  /** Slow since a deploy: compare with a baseline — new or changed query shapes, plan changes. */
  AFTER_DEPLOY("after-deploy", "slower since a deploy: new and changed query shapes against a baseline, their plans"),
  /** Slower and slower: statistics, bloat, growth, index usage. */
  GRADUAL("gradual", "getting slower over weeks: statistics, bloat, vacuum, growth and index usage"),
  /** Slow now and then: connections, locks, long transactions, the pool. */
  INTERMITTENT("intermittent", "slow now and then: connections, locks, long and idle transactions"),
  /** Everything is slow: settings, cache hit ratio, the top consumers. */
  BROAD("broad", "everything is slow: settings, cache hit ratio, temporary files and the top consumers");

  private final String label;
  private final String description;

  Symptom(String label, String description) {
    this.label = label;
    this.description = description;
  }

  public String label() {
    return label;
  }

  public String description() {
    return description;
  }

  /** The symptom named {@code label} ({@code one-query}, …), case-insensitive. */
  public static Symptom of(String label) {
    String wanted = label.strip().toLowerCase(Locale.ROOT);
    for (Symptom symptom : values()) {
      if (symptom.label.equals(wanted)) {
        return symptom;
      }
    }
    throw new IllegalArgumentException("unknown symptom '" + label + "'; one of: one-query, after-deploy, gradual, "
        + "intermittent, broad");
  }
}

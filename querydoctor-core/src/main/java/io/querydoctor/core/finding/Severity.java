package io.querydoctor.core.finding;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How urgent a finding is. Declared from most to least severe, so {@link #compareTo} orders
 * critical first. Reports rank by estimated impact first and use severity only to break ties.
 */
public enum Severity {
  /** Outage risk now. */
  CRITICAL,
  /** A large share of database time, or a clear user-facing slowdown. */
  HIGH,
  MEDIUM,
  LOW,
  /** Worth knowing; never a reason to fail a build by default. */
  INFO;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True if this severity is as severe as {@code threshold} or more. */
  /** One step less severe; {@code INFO} stays {@code INFO}. */
  public Severity lower() {
    return this == INFO ? INFO : values()[ordinal() + 1];
  }

  public boolean atLeast(Severity threshold) {
    return compareTo(threshold) <= 0;
  }

  /** Parses {@code high}, {@code HIGH}, … ; throws {@link IllegalArgumentException} with the allowed values. */
  @JsonCreator
  public static Severity parse(String text) {
    for (Severity severity : values()) {
      if (severity.name().equalsIgnoreCase(text.trim())) {
        return severity;
      }
    }
    throw new IllegalArgumentException(
        "unknown severity '" + text + "' (expected critical, high, medium, low or info)");
  }
}

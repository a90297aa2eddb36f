package io.querydoctor.monitor.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The unit of a rule's metric, for reading thresholds and for messages. */
public enum Unit {
  RATIO, SECONDS, MILLISECONDS, FACTOR, BOOLEAN,
  /** A finding's severity as a rank: 0 info, 1 low, 2 medium, 3 high, 4 critical. */
  SEVERITY,
  /** A trend: percent of the mean per day. */
  PERCENT_PER_DAY;

  public String format(double value) {
    return switch (this) {
      case RATIO -> String.format(Locale.ROOT, "%.1f %%", value * 100);
      case SECONDS -> String.format(Locale.ROOT, "%.1f s", value);
      case MILLISECONDS -> String.format(Locale.ROOT, "%.1f ms", value);
      case FACTOR -> String.format(Locale.ROOT, "%.2f×", value);
      case BOOLEAN -> value >= 1 ? "yes" : "no";
      case PERCENT_PER_DAY -> String.format(Locale.ROOT, "%+.1f %%/day", value);
      case SEVERITY -> io.querydoctor.core.finding.Severity.values()[4 - (int) Math.max(0, Math.min(4, value))].label();
    };
  }

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Unit parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}

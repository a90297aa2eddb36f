package io.querydoctor.monitor.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How an observed value is compared with a rule's threshold. */
public enum Comparison {
  /** Breached when the value is at or above the threshold. */
  ABOVE(">="),
  /** Breached when the value is below the threshold (hit ratios). */
  BELOW("<");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public boolean breached(double value, double threshold) {
    return this == ABOVE ? value >= threshold : value < threshold;
  }

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Comparison parse(String text) {
    for (Comparison c : values()) {
      if (c.label().equalsIgnoreCase(text.trim()) || c.symbol.equals(text.trim())) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown comparison '" + text + "' (expected above or below)");
  }
}

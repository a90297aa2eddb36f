package io.querydoctor.monitor.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The unit of a rule's metric, for reading thresholds and for messages. */
public enum Unit {
  RATIO, SECONDS, MILLISECONDS, FACTOR, BOOLEAN;

  public String format(double value) {
    return switch (this) {
      case RATIO -> String.format(Locale.ROOT, "%.1f %%", value * 100);
      case SECONDS -> String.format(Locale.ROOT, "%.1f s", value);
      case MILLISECONDS -> String.format(Locale.ROOT, "%.1f ms", value);
      case FACTOR -> String.format(Locale.ROOT, "%.2f×", value);
      case BOOLEAN -> value >= 1 ? "yes" : "no";
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

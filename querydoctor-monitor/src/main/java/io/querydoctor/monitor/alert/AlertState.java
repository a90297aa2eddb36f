package io.querydoctor.monitor.alert;

import java.util.Locale;

/**
 * Where an alert is in its life: {@code PENDING} while the condition holds for less than the rule's
 * {@code for} duration, {@code FIRING} after, {@code RESOLVED} when a firing condition clears, {@code CANCELLED}
 * when a pending one clears before firing (never notified).
 */
public enum AlertState {
  PENDING, FIRING, RESOLVED, CANCELLED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean open() {
    return this == PENDING || this == FIRING;
  }

  public static AlertState parse(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}

package io.querydoctor.monitor.notify;

import io.querydoctor.monitor.alert.Alert;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Which alerts a silence covers (the dashboard's silences, by rule and subject), so that the monitor holds back
 * their notifications while it lasts. Silences never change an alert's state: it is evaluated as usual and
 * notified when the silence has ended and it still fires.
 */
@FunctionalInterface
public interface Silences {

  /** No alert is ever silenced. */
  Silences NONE = (alerts, now) -> Map.of();

  /**
   * For each of {@code alerts} a silence covers at {@code now}, when that silence ends (the latest end when several
   * do). Called on the sampling thread; throws when the silences cannot be read (the caller then notifies).
   */
  Map<Long, Instant> silenced(Collection<Alert> alerts, Instant now) throws Exception;
}

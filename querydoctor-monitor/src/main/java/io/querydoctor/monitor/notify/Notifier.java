package io.querydoctor.monitor.notify;

import io.querydoctor.monitor.alert.Alert;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A destination for alert notifications: turns alerts into one HTTP POST body. Implementations are pure (no
 * I/O); the {@link DeliveryQueue} sends, retries and records. Called on the sampling thread.
 */
public interface Notifier {

  /** Short name for the delivery log and the metrics, e.g. {@code webhook}. */
  String name();

  URI endpoint();

  /**
   * The JSON body announcing {@code alerts} (which have just fired or resolved, or are still firing and
   * being repeated), at {@code now}.
   */
  String body(List<Alert> alerts, Instant now);

  /** Whether still-firing alerts should be sent again periodically (Alertmanager expires alerts otherwise). */
  default boolean repeatsFiring() {
    return false;
  }
}

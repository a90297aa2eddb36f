package io.querydoctor.monitor.notify;

import io.querydoctor.monitor.alert.Alert;
import java.util.List;

/**
 * Where delivery attempts are recorded (the history store's {@code delivery} table). Called on the delivery
 * thread; a failure to record is logged by the caller and never stops deliveries.
 */
@FunctionalInterface
public interface DeliveryLog {

  void record(String notifier, List<Alert> alerts, int attempt, boolean ok, String detail) throws Exception;
}

package io.querydoctor.monitor.notify;

import io.querydoctor.monitor.alert.Alert;
import io.querydoctor.monitor.alert.AlertState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link Silences} to the monitor's notifications: a silenced alert is recorded in the delivery log as
 * suppressed instead of being queued, and a firing one is remembered per notifier, so that it is sent at the
 * first notification round after its silence ends if it still fires (its firing notification never went out).
 * When the silences cannot be read, everything is sent. Sampling thread only.
 */
public final class SilencedDeliveries {

  private static final Logger LOG = LoggerFactory.getLogger(SilencedDeliveries.class);

  private volatile Silences silences = Silences.NONE;
  private final Map<DeliveryQueue, Set<Long>> heldBack = new HashMap<>();

  public void use(Silences value) {
    this.silences = value;
  }

  /** Queues {@code alerts} on {@code queue} but the silenced ones; {@code open} are the open alerts now. */
  public void submit(DeliveryQueue queue, Collection<Alert> alerts, Collection<Alert> open, Instant now) {
    Map<Long, Alert> send = new LinkedHashMap<>();
    alerts.forEach(a -> send.put(a.id(), a));
    Set<Long> held = heldBack.computeIfAbsent(queue, q -> new HashSet<>());
    Set<Long> firing = new HashSet<>();
    for (Alert a : open) {
      if (a.state() == AlertState.FIRING) {
        firing.add(a.id());
        if (held.contains(a.id())) {
          send.putIfAbsent(a.id(), a);
        }
      }
    }
    held.retainAll(firing);
    queue.submit(unsilenced(queue, send.values(), held, now), now);
  }

  private List<Alert> unsilenced(DeliveryQueue queue, Collection<Alert> alerts, Set<Long> held, Instant now) {
    Map<Long, Instant> silenced;
    try {
      silenced = alerts.isEmpty() ? Map.of() : silences.silenced(alerts, now);
    } catch (Exception e) {
      LOG.warn("cannot read the alert silences, notifying anyway: {}", e.getMessage());
      silenced = Map.of();
    }
    List<Alert> send = new ArrayList<>();
    List<Alert> muted = new ArrayList<>();
    Instant until = null;
    for (Alert a : alerts) {
      Instant end = silenced.get(a.id());
      if (end == null) {
        send.add(a);
        held.remove(a.id());
      } else {
        muted.add(a);
        until = until == null || end.isAfter(until) ? end : until;
        if (a.state() == AlertState.FIRING) {
          held.add(a.id());
        }
      }
    }
    queue.suppressed(muted, "silenced until " + until);
    return send;
  }
}

package io.querydoctor.monitor.notify;

import io.querydoctor.monitor.alert.Alert;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one notifier's notifications on its own background thread, so that a slow or dead receiver never
 * delays sampling (nor the other notifiers). Each notification is retried with exponential back-off
 * ({@code initialBackoff}, doubling, capped at {@code maxBackoff}) up to {@code maxAttempts}; every attempt is
 * recorded in the {@link DeliveryLog}. The queue is bounded: when it is full, new notifications are dropped,
 * counted and logged, never blocking the caller.
 */
public final class DeliveryQueue implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** Retry policy. */
  public record Backoff(Duration initial, Duration max, int maxAttempts) {
    public static final Backoff STANDARD = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), 10);

    Duration after(int attempt) {
      long millis = initial.toMillis() << Math.min(attempt - 1, 20);
      return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
  }

  private record Job(List<Alert> alerts, String body) {
  }

  private final Notifier notifier;
  private final DeliveryLog log;
  private final Backoff backoff;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
  private final BlockingQueue<Job> queue;
  private final Thread worker;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closing;

  public DeliveryQueue(Notifier notifier, DeliveryLog log, Backoff backoff, int capacity) {
    this.notifier = notifier;
    this.log = log;
    this.backoff = backoff;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.worker = new Thread(this::work, "querydoctor-notify-" + notifier.name());
    worker.setDaemon(true);
    worker.start();
  }

  public Notifier notifier() {
    return notifier;
  }

  /** Queues a notification about {@code alerts}; returns false (and counts it) when the queue is full. */
  public boolean submit(List<Alert> alerts, Instant now) {
    if (alerts.isEmpty() || closing) {
      return false;
    }
    if (!queue.offer(new Job(List.copyOf(alerts), notifier.body(alerts, now)))) {
      dropped.incrementAndGet();
      LOG.warn("{} notification dropped: {} undelivered notifications are queued already", notifier.name(),
          queue.size());
      return false;
    }
    return true;
  }

  /** Records in the delivery log that {@code alerts} were held back, not sent ({@code detail} says why). */
  public void suppressed(List<Alert> alerts, String detail) {
    if (!alerts.isEmpty()) {
      record(new Job(List.copyOf(alerts), null), 0, false, "suppressed: " + detail);
    }
  }

  public long delivered() {
    return delivered.get();
  }

  public long failedAttempts() {
    return failedAttempts.get();
  }

  public long dropped() {
    return dropped.get();
  }

  private void work() {
    try {
      while (!closing || !queue.isEmpty()) {
        Job job = queue.poll(200, TimeUnit.MILLISECONDS);
        if (job != null) {
          deliver(job);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void deliver(Job job) throws InterruptedException {
    for (int attempt = 1; attempt <= backoff.maxAttempts(); attempt++) {
      String failure = send(job.body());
      record(job, attempt, failure == null, failure == null ? "delivered" : failure);
      if (failure == null) {
        delivered.incrementAndGet();
        return;
      }
      failedAttempts.incrementAndGet();
      if (attempt < backoff.maxAttempts()) {
        Thread.sleep(backoff.after(attempt).toMillis());
      }
    }
    LOG.warn("{} notification given up after {} attempts", notifier.name(), backoff.maxAttempts());
  }

  /** Null when delivered, else why not. */
  private String send(String body) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(notifier.endpoint()).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
    } catch (IOException e) {
      return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
  }

  private void record(Job job, int attempt, boolean ok, String detail) {
    try {
      log.record(notifier.name(), job.alerts(), attempt, ok, detail);
    } catch (Exception e) {
      LOG.warn("cannot record a {} delivery attempt: {}", notifier.name(), e.getMessage());
    }
  }

  /**
   * Stops accepting notifications and gives the queued ones until {@code grace} to go out; what is left
   * after that (a receiver still down) is abandoned with a log line.
   */
  public void close(Duration grace) {
    closing = true;
    try {
      worker.join(grace.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      worker.interrupt();
      LOG.warn("{}: {} notifications not delivered at shutdown", notifier.name(), queue.size() + 1);
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }
}

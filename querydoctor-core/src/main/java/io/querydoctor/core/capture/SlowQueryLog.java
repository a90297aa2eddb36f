package io.querydoctor.core.capture;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one WARN line per statement slower than the threshold: duration, fingerprint id, redacted statement and
 * call site. Logger name {@code io.querydoctor.slow-query}, so it can be routed or silenced on its own.
 */
final class SlowQueryLog implements CaptureListener {

  private static final Logger LOG = LoggerFactory.getLogger("io.querydoctor.slow-query");

  private final long thresholdNanos;

  SlowQueryLog(long thresholdMillis) {
    this.thresholdNanos = thresholdMillis * 1_000_000L;
  }

  @Override
  public void statementExecuted(StatementEvent event) {
    if (event.elapsedNanos() >= thresholdNanos && LOG.isWarnEnabled()) {
      LOG.warn("slow query {} ms fingerprint={} at {}: {}",
          String.format(Locale.ROOT, "%.1f", event.elapsedNanos() / 1e6), event.fingerprint().id(),
          event.callSite() == null ? "(call site not captured)" : event.callSite(),
          event.fingerprint().normalized());
    }
  }
}

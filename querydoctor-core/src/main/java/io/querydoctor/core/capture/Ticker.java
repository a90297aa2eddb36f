package io.querydoctor.core.capture;

/**
 * A source of nanosecond time, injected everywhere capture measures or compares time (Caffeine's
 * {@code Ticker}), so that thresholds, scopes and transactions can be tested without sleeping.
 *
 * <p>Contract: {@link #read()} is called on application threads on the statement hot path; it must be cheap,
 * thread-safe and never throw. Values are only ever subtracted from each other.
 */
@FunctionalInterface
public interface Ticker {

  /** Nanoseconds since an arbitrary origin. */
  long read();

  /** {@link System#nanoTime()}; always the same instance, so callers may recognise it and read the clock directly. */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }

  /** Holds the one system ticker (an interface can have no private field). */
  final class SystemTicker {
    private static final Ticker INSTANCE = System::nanoTime;

    private SystemTicker() {}
  }
}

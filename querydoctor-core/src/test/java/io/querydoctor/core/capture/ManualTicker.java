package io.querydoctor.core.capture;

import java.util.concurrent.atomic.AtomicLong;

/** A ticker tests move by hand. */
public final class ManualTicker implements Ticker {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Override
  public long read() {
    return nanos.get();
  }

  public void advanceMillis(double millis) {
    nanos.addAndGet((long) (millis * 1_000_000));
  }
}

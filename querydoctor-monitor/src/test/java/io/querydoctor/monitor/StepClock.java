package io.querydoctor.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves: a run of minutes or days compressed into seconds, with a real workload. */
final class StepClock extends Clock {

  private Instant now;

  StepClock(Instant start) {
    this.now = start;
  }

  synchronized void advance(Duration step) {
    now = now.plus(step);
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}

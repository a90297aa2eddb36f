package io.querydoctor.micrometer;

/** H2's PAUSE(ms) in the tests: a statement that takes at least that long. Public, since H2 calls it. */
public final class PauseFunction {

  private PauseFunction() {}

  public static long pause(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }
}

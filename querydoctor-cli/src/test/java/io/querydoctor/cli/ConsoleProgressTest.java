package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Long work shows counts, rate and time left (#24), on a terminal in place and in a log every few seconds. */
class ConsoleProgressTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void aCounterSaysHowFastAndHowLongItWillTake() {
    assertThat(ConsoleProgress.line("loading rows", 100_000, 1_000_000, 2 * SECOND))
        .isEqualTo("  loading rows: 100,000 of 1,000,000 (10 %) · 50,000/s · 18.00 s left");
    assertThat(ConsoleProgress.line("reading", 5_000, 0, 5 * SECOND)).isEqualTo("  reading: 5,000 · 1,000/s");
    assertThat(ConsoleProgress.line("loading rows", 10, 100, SECOND / 10)).as("no rate from a tenth of a second")
        .isEqualTo("  loading rows: 10 of 100 (10 %)");
  }

  @Test
  void withoutATerminalALineEveryTenSecondsNotEveryUpdate() {
    StringWriter err = new StringWriter();
    AtomicLong clock = new AtomicLong();
    ConsoleProgress progress = new ConsoleProgress(new PrintWriter(err, true), true, false, clock::get);
    for (int i = 1; i <= 250; i++) {
      clock.addAndGet(SECOND / 10);
      progress.progress("loading rows", i * 1_000L, 250_000);
    }
    assertThat(err.toString().lines()).hasSize(2).allSatisfy(l -> assertThat(l).contains("/s").contains("left"));
    assertThat(err.toString()).doesNotContain("\r");
  }

  @Test
  void onATerminalTheCounterUpdatesInPlace() {
    StringWriter err = new StringWriter();
    AtomicLong clock = new AtomicLong();
    ConsoleProgress progress = new ConsoleProgress(new PrintWriter(err, true), true, true, clock::get);
    progress.progress("digesting", 1, 10);
    clock.addAndGet(2 * SECOND);
    progress.progress("digesting", 5, 10);
    progress.step("next");
    assertThat(err.toString()).contains("\r  digesting: 5 of 10 (50 %) · 3/s · 2.00 s left").contains("\u001b[2K» next");
  }
}

package io.querydoctor.cli;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.report.Quantities;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress on standard error: one line per step, and for long work a counter with its rate and the time left —
 * updated in place on a terminal, a line every {@link #LOG_INTERVAL_NANOS} otherwise (a CI log). Off with
 * --quiet. The report itself goes to standard output, so piping it stays clean.
 */
final class ConsoleProgress implements ProgressListener {

  /** Without a terminal a counter line is printed at most this often, so that a log shows work is going on. */
  static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

  /** Below this much elapsed time a rate is noise (JIT warm-up, the first batch): none is shown. */
  private static final long MIN_RATE_NANOS = 1_000_000_000L;

  private final PrintWriter err;
  private final boolean enabled;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private boolean counterShown;
  private String task;
  private long taskStart;
  private long lastLine;

  ConsoleProgress(PrintWriter err, boolean enabled) {
    this(err, enabled, System.console() != null, System::nanoTime);
  }

  ConsoleProgress(PrintWriter err, boolean enabled, boolean terminal, LongSupplier nanoClock) {
    this.err = err;
    this.enabled = enabled;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
  }

  @Override
  public synchronized void step(String description) {
    if (!enabled) {
      return;
    }
    clearCounter();
    err.println("» " + description);
    err.flush();
  }

  @Override
  public synchronized void progress(String task, long done, long total) {
    if (!enabled) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (!task.equals(this.task)) {
      this.task = task;
      taskStart = now;
      lastLine = now;
    }
    String line = line(task, done, total, now - taskStart);
    if (terminal) {
      err.print("\r" + line + "   ");
      counterShown = true;
    } else if (now - lastLine >= LOG_INTERVAL_NANOS) {
      err.println(line);
      lastLine = now;
    } else {
      return;
    }
    err.flush();
  }

  /** "  loading rows: 120,000 of 1,300,000 (9 %) · 45,000/s · 26 s left". */
  static String line(String task, long done, long total, long elapsedNanos) {
    StringBuilder line = new StringBuilder("  ").append(task).append(": ")
        .append(String.format(Locale.ROOT, "%,d", done));
    if (total > 0) {
      line.append(String.format(Locale.ROOT, " of %,d (%d %%)", total, done * 100 / total));
    }
    if (elapsedNanos >= MIN_RATE_NANOS && done > 0) {
      double perSecond = done * 1e9 / elapsedNanos;
      line.append(" · ").append(Quantities.number(Math.round(perSecond))).append("/s");
      if (total > done) {
        line.append(" · ").append(Quantities.millis((total - done) / perSecond * 1000)).append(" left");
      }
    }
    return line.toString();
  }

  /** Prints a line of its own (a summary), keeping it apart from the counter. */
  synchronized void info(String line) {
    if (!enabled) {
      return;
    }
    clearCounter();
    err.println(line);
    err.flush();
  }

  private void clearCounter() {
    if (counterShown) {
      err.print("\r\u001b[2K");
      counterShown = false;
    }
  }
}

package io.querydoctor.cli;

import io.querydoctor.core.diagnosis.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress on standard error: one line per step; on a terminal, a counter that updates in place. Off with
 * --quiet. The report itself goes to standard output, so piping it stays clean.
 */
final class ConsoleProgress implements ProgressListener {

  private final PrintWriter err;
  private final boolean enabled;
  private final boolean terminal;
  private boolean counterShown;

  ConsoleProgress(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
    this.terminal = System.console() != null;
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
    if (!enabled || !terminal) {
      return;
    }
    String percent = total > 0 ? String.format(Locale.ROOT, " (%d %%)", done * 100 / total) : "";
    err.print(String.format(Locale.ROOT, "\r  %s: %,d%s%s", task, done,
        total > 0 ? String.format(Locale.ROOT, " of %,d", total) : "", percent) + "   ");
    err.flush();
    counterShown = true;
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

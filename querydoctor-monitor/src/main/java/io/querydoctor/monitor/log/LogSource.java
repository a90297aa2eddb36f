package io.querydoctor.monitor.log;

import io.querydoctor.monitor.sample.MonitoredTarget;

/**
 * Where a target's server log is read from, a piece at a time: a local file ({@code --log FILE}) or the server's
 * current log file read through SQL ({@code --log auto}). Called on the sampling thread only.
 */
public interface LogSource {

  /**
   * The bytes written since the previous call (the first call starts at the end of the log: only what happens
   * while the monitor watches is measured), at most {@code maxBytes}. A file that shrank or was replaced (log
   * rotation) is read from its start. Throws when the log cannot be read now; the next call tries again.
   */
  byte[] readNew(MonitoredTarget target, int maxBytes) throws Exception;

  /** What is read, for the log line at start and for errors. */
  String describe();
}

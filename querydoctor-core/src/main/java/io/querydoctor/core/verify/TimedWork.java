package io.querydoctor.core.verify;

import java.util.List;
import java.util.Objects;

/**
 * What one timed run executes on a sandbox: the session settings first (not timed), then the statements, each
 * result read to the end — the time a user of the application would wait for them.
 *
 * @param label what it is, for the report ("posts of one user", "100 single queries")
 * @param settings {@code SET …} statements the application's session had (e.g. a lowered work_mem); reset after
 * @param statements executable statements, literals included (kept in memory, never written out)
 * @param rolledBack run inside a transaction that is rolled back, for writes, so that every run sees the same data
 */
public record TimedWork(String label, List<String> settings, List<String> statements, boolean rolledBack) {

  public TimedWork {
    Objects.requireNonNull(label, "label");
    settings = List.copyOf(settings);
    statements = List.copyOf(statements);
    if (statements.isEmpty()) {
      throw new IllegalArgumentException("timed work needs at least one statement: " + label);
    }
  }

  /** One read statement with no session settings. */
  public static TimedWork read(String label, String sql) {
    return new TimedWork(label, List.of(), List.of(sql), false);
  }

  /** The same work with {@code setting} applied after the session's own settings. */
  public TimedWork withSetting(String setting) {
    List<String> more = new java.util.ArrayList<>(settings);
    more.add(setting);
    return new TimedWork(label, more, statements, rolledBack);
  }
}

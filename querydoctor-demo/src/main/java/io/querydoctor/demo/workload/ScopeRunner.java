package io.querydoctor.demo.workload;

import java.sql.SQLException;

/**
 * Runs one unit of work of the demo application (a request, a job) so that a capture layer can group its
 * statements. The default runs the work as is.
 */
@FunctionalInterface
public interface ScopeRunner {

  ScopeRunner NONE = (name, work) -> work.run();

  /** Runs {@code work} as the unit of work called {@code name} (e.g. {@code GET /users-with-posts}). */
  void run(String name, Work work) throws SQLException;

  /** The body of a unit of work. */
  @FunctionalInterface
  interface Work {
    void run() throws SQLException;
  }
}

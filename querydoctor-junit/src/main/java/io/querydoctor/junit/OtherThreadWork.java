package io.querydoctor.junit;

import java.util.List;

/**
 * Statements captured during a guarded test's body that ran outside its scope, on other threads.
 *
 * @param statements how many
 * @param threads the names of up to five of those threads
 * @param examples up to three of their fingerprints (redacted)
 */
record OtherThreadWork(int statements, List<String> threads, List<String> examples) {

  boolean any() {
    return statements > 0;
  }

  /** The failure message: what ran where, and how to bring it into the test's scope. */
  String message(String test) {
    StringBuilder out = new StringBuilder()
        .append(statements).append(statements == 1 ? " statement" : " statements")
        .append(" ran on other threads during '").append(test).append("' and ")
        .append(statements == 1 ? "was" : "were").append(" not counted: ")
        .append("the guard only sees statements inside the test's scope, which stays on the test's thread.\n")
        .append("  threads: ").append(String.join(", ", threads)).append('\n');
    examples.forEach(sql -> out.append("  e.g. ").append(sql).append('\n'));
    return out.append("Propagate the scope to that work (run the task through an executor that carries "
            + "QueryDoctor's current scope, or open a scope in it), run it on the test thread, or accept it with "
            + "@QueryBudget(ignoreOtherThreads = true) / @NoNPlusOne(ignoreOtherThreads = true).")
        .toString();
  }
}

package io.querydoctor.junit;

/** The failure of a guard that captured nothing: how to wire the data source through QueryDoctor. */
final class BlindGuard {

  private BlindGuard() {}

  static String message(String test) {
    return "No statement was captured in '" + test + "', so its query guards checked nothing. "
        + "Wire the DataSource through QueryDoctor: use a jdbc:querydoctor: URL (jdbc:querydoctor:postgresql://host/db "
        + "for jdbc:postgresql://host/db), or wrap the pool with QueryDoctor.wrap(dataSource) (into the JVM-wide "
        + "session; a session of your own must be QueryDoctor.install()ed). If the test really runs no statement, "
        + "say so with @QueryBudget(max = ..., allowNone = true).";
  }
}

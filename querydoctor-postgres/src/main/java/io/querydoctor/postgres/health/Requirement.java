package io.querydoctor.postgres.health;

/** What a check needs beyond a plain login, with the reason shown when it is missing. */
public enum Requirement {
  /** Works for any role that can connect (catalog tables and counts are public). */
  NONE(""),
  /**
   * Other sessions' query text, state and timings in {@code pg_stat_activity} / {@code pg_stat_replication}
   * are hidden from roles without it: the check would see only its own sessions and stay silent.
   */
  READ_ALL_STATS("needs pg_read_all_stats (or pg_monitor): other sessions are hidden from this role"),
  /** Exact bloat figures read every page through the pgstattuple extension, which must be installed. */
  PGSTATTUPLE("needs the pgstattuple extension in this database (CREATE EXTENSION pgstattuple)");

  private final String missingReason;

  Requirement(String missingReason) {
    this.missingReason = missingReason;
  }

  /** Whether {@code server} (its role and extensions) meets this. */
  public boolean metBy(ServerProfile server) {
    return switch (this) {
      case NONE -> true;
      case READ_ALL_STATS -> server.privileges().superuser() || server.privileges().readAllStats();
      case PGSTATTUPLE -> server.extensions().contains("pgstattuple");
    };
  }

  public String missingReason() {
    return missingReason;
  }
}

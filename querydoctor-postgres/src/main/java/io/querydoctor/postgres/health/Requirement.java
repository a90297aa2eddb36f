package io.querydoctor.postgres.health;

/** What a check needs from the connecting role beyond plain login, with the reason shown when it is missing. */
public enum Requirement {
  /** Works for any role that can connect (catalog tables and counts are public). */
  NONE(""),
  /**
   * Other sessions' query text, state and timings in {@code pg_stat_activity} / {@code pg_stat_replication}
   * are hidden from roles without it: the check would see only its own sessions and stay silent.
   */
  READ_ALL_STATS("needs pg_read_all_stats (or pg_monitor): other sessions are hidden from this role");

  private final String missingReason;

  Requirement(String missingReason) {
    this.missingReason = missingReason;
  }

  /** Whether a role with {@code privileges} may run a check that needs this. */
  public boolean metBy(RolePrivileges privileges) {
    return switch (this) {
      case NONE -> true;
      case READ_ALL_STATS -> privileges.superuser() || privileges.readAllStats();
    };
  }

  public String missingReason() {
    return missingReason;
  }
}

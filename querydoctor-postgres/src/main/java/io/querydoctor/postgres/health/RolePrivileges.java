package io.querydoctor.postgres.health;

/**
 * What the connecting role may see.
 *
 * @param superuser {@code rolsuper}
 * @param readAllStats member of {@code pg_read_all_stats} (directly or through {@code pg_monitor})
 */
public record RolePrivileges(boolean superuser, boolean readAllStats) {}

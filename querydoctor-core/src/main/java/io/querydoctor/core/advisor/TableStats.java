package io.querydoctor.core.advisor;

/**
 * What the selection needs to know about a table.
 *
 * @param table the table as the workload names it
 * @param sizeBytes its size on disk (heap and TOAST), for the default budget
 * @param writesPerHour rows inserted, updated (non-HOT) or deleted per hour: each costs every index upkeep
 */
public record TableStats(String table, long sizeBytes, double writesPerHour) {}

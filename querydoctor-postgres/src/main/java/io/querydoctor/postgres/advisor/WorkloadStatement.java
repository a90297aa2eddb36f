package io.querydoctor.postgres.advisor;

/**
 * A statement of the workload to advise for, from any source: pg_stat_statements, a JDBC capture, a digest.
 *
 * @param sql its text, with {@code $n} or {@code ?} parameters, or with example values
 * @param callsPerHour how often it runs
 * @param meanMillis its mean execution time, for the impact estimate; 0 when unknown
 * @param rowsPerCall rows it returns or changes per call (for writes: each row costs every index upkeep)
 */
public record WorkloadStatement(String sql, double callsPerHour, double meanMillis, double rowsPerCall) {}

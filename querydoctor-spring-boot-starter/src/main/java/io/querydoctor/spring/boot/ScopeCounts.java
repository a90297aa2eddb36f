package io.querydoctor.spring.boot;

/**
 * One scope name's totals since the application started, as {@code /actuator/querydoctor} shows them.
 *
 * @param name the scope name ({@code GET /owners/{id}}), or {@code other} for names beyond the limit
 * @param runs scopes of that name closed
 * @param statements statements they ran, including those of scopes nested in them
 * @param maxStatements the most statements one run ran
 * @param databaseMillis time spent in those statements
 */
public record ScopeCounts(String name, long runs, long statements, long maxStatements, double databaseMillis) {}

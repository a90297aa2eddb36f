package io.querydoctor.demo.workload;

/**
 * What one scenario of the workload did.
 *
 * @param scenario the unit of work's name, e.g. {@code GET /users-with-posts}
 * @param units how many times the unit of work ran
 * @param statements how many statements it issued in all
 * @param elapsedMillis wall time of all its runs
 */
public record ScenarioRun(String scenario, int units, int statements, double elapsedMillis) {}

package io.querydoctor.core.advisor;

/**
 * One query shape of the workload the advisor designs for.
 *
 * @param fingerprint its id ({@code SqlFingerprinter}), the key findings name
 * @param sql a text the what-if can plan: with {@code $n} parameters (generic plan) or example values
 * @param callsPerHour how often it runs: the weight of its cost
 * @param parsed what {@link QueryParser} read from it
 */
public record WorkloadQuery(String fingerprint, String sql, double callsPerHour, ParsedQuery parsed) {}

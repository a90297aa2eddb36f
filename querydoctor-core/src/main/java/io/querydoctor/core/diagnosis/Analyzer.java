package io.querydoctor.core.diagnosis;

/**
 * One step of a diagnosis: health checks, plan analysis, the index advisor, a workload digest. Engine
 * modules implement it for their own target type (a PostgreSQL connection, a log file, …).
 *
 * <p>Contract: called once per diagnosis, on the diagnosing thread. An analyzer reports what it finds to
 * {@code results}, and reports a check it could not run (permissions, server version) with
 * {@link DiagnosisResults#skip}. If it throws, the orchestrator records the whole analyzer as skipped with
 * the exception's message and carries on: one broken check never loses the others' findings.
 *
 * @param <T> what it analyzes
 */
public interface Analyzer<T> {

  /** Short stable name, shown in progress and in skipped-check reasons: {@code health}, {@code plans}. */
  String name();

  /** Analyzes {@code target}, adding findings and skipped checks to {@code results}. */
  void analyze(T target, DiagnosisResults results) throws Exception;
}

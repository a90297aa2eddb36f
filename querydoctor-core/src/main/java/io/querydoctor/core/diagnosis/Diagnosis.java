package io.querydoctor.core.diagnosis;

import io.querydoctor.core.report.Report;
import java.time.Clock;
import java.util.List;

/** Runs analyzers over one target and assembles the report. */
public final class Diagnosis<T> {

  private final List<Analyzer<? super T>> analyzers;
  private final ProgressListener progress;
  private final Clock clock;

  public Diagnosis(List<Analyzer<? super T>> analyzers, ProgressListener progress, Clock clock) {
    this.analyzers = List.copyOf(analyzers);
    this.progress = progress;
    this.clock = clock;
  }

  /**
   * Runs every analyzer in order. An analyzer that throws is recorded as skipped with its message; the
   * others still run.
   */
  public Report run(T target, String targetName, String tool) {
    long start = clock.millis();
    DiagnosisResults results = new DiagnosisResults();
    for (Analyzer<? super T> analyzer : analyzers) {
      progress.step(analyzer.name());
      try {
        analyzer.analyze(target, results);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        results.skip(analyzer.name(), "interrupted");
        break;
      } catch (Exception e) {
        results.skip(analyzer.name(), describe(e));
      }
    }
    long elapsed = clock.millis() - start;
    return new Report(Report.SCHEMA_VERSION, tool, clock.instant(), targetName, elapsed,
        results.findings(), results.skipped(), null, results.plans());
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
  }
}

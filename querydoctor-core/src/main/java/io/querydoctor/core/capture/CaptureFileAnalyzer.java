package io.querydoctor.core.capture;

import io.querydoctor.core.diagnosis.Analyzer;
import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.detect.DetectorThresholds;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The diagnosis step behind {@code querydoctor diagnose --capture FILE}: replays a capture file written by the
 * JDBC layer through the capture-side detectors and reports their findings. A file that does not exist is a
 * skipped check with the reason, never a stack trace; a malformed file fails with the line number.
 */
public final class CaptureFileAnalyzer implements Analyzer<Path> {

  private final CaptureFileReader reader;

  public CaptureFileAnalyzer(DetectorThresholds thresholds) {
    this.reader = new CaptureFileReader(thresholds, 10_000, 1_000);
  }

  public CaptureFileAnalyzer() {
    this(DetectorThresholds.defaults());
  }

  @Override
  public String name() {
    return "capture";
  }

  @Override
  public void analyze(Path file, DiagnosisResults results) {
    if (!Files.isReadable(file)) {
      results.skip(name(), "capture file " + file + " does not exist or cannot be read");
      return;
    }
    CaptureFileReader.Replay replay = reader.read(file);
    results.addAll(replay.findings());
    if (replay.skippedLines() > 0) {
      results.skip(name() + ":truncated-line", replay.skippedLines() + " truncated line at the end of " + file
          + " was skipped (the application stopped while writing)");
    }
  }
}

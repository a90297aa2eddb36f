package io.querydoctor.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.finding.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureFileTest {

  @TempDir
  Path dir;

  private final ManualTicker ticker = new ManualTicker();

  private CaptureSession session(Path file) {
    return CaptureSession.start(CaptureOptions.builder().ticker(ticker).captureFile(file).slowQueryLog(false)
        .build());
  }

  private static void workload(CaptureSession session, ManualTicker ticker) {
    FakeConnection c = new FakeConnection(session, ticker, false);
    for (int run = 0; run < 3; run++) {
      try (Scope scope = session.scope("GET /posts")) {
        c.run("SELECT * FROM posts WHERE author = 'alice@example.com' LIMIT 10", 1);
        for (int i = 0; i < 6; i++) {
          c.run("SELECT * FROM comments WHERE post_id = " + (100 + i), 1);
        }
        try (Scope nested = session.scope("render")) {
          c.run("SELECT * FROM users LIMIT 5 OFFSET 20000", 2);
        }
      }
    }
    c.run("SELECT pg_sleep(0.2)", 200);
  }

  @Test
  void replayGivesTheSameFindingsAndAggregateAsLiveCapture() {
    Path file = dir.resolve("capture.jsonl");
    CaptureSession live = session(file);
    workload(live, ticker);
    live.close();

    CaptureFileReader.Replay replay = new CaptureFileReader().read(file);
    assertThat(replay.statements()).isEqualTo(3 * 8 + 1);
    assertThat(replay.scopes()).isEqualTo(6);
    assertThat(replay.findings()).extracting(Finding::key)
        .containsExactlyInAnyOrderElementsOf(live.findings().stream().map(Finding::key).toList())
        .anyMatch(key -> key.startsWith("n-plus-one:"))
        .anyMatch(key -> key.startsWith("offset-pagination:"))
        .anyMatch(key -> key.startsWith("slow-query:"));
    assertThat(replay.aggregate().summaries()).extracting(FingerprintSummary::fingerprintId, FingerprintSummary::calls)
        .containsExactlyInAnyOrderElementsOf(live.aggregate().summaries().stream()
            .map(s -> org.assertj.core.groups.Tuple.tuple(s.fingerprintId(), s.calls())).toList());
    assertThat(live.captureFileDropped()).isZero();

    // After close the file is complete: later statements are still aggregated, and dropped from the file.
    new FakeConnection(live, ticker, false).run("SELECT 1", 1);
    assertThat(live.captureFileDropped()).isEqualTo(1);
    assertThat(new CaptureFileReader().read(file).statements()).isEqualTo(3 * 8 + 1);
  }

  @Test
  void replayKeepsSequenceCallsLockedGapsAndCallSites() {
    Path file = dir.resolve("capture.jsonl");
    CaptureSession live = session(file);
    FakeConnection c = new FakeConnection(live, ticker, false);
    try (Scope scope = live.scope("POST /fees")) {
      for (int i = 0; i < 12; i++) {
        c.run("select nextval('fee_seq')", 0, 0.1, 1);
        c.run("INSERT INTO fee (id) VALUES (?)", i, 0.1, 1);
      }
      c.tracker().autoCommitChanged(false);
      c.run("SELECT * FROM account WHERE id = ? FOR UPDATE", 1, 1, 1);
      ticker.advanceMillis(1_500);
      c.tracker().committed();
    }
    live.close();
    List<Finding> replayed = new CaptureFileReader().read(file).findings();
    assertThat(replayed).extracting(Finding::key)
        .containsExactlyInAnyOrderElementsOf(live.findings().stream().map(Finding::key).toList());
    assertThat(replayed).extracting(Finding::ruleId).contains("sequence-per-row", "long-transaction", "unbatched-writes");
  }

  @Test
  void theAnalyzerReportsFindingsAndSkipsAMissingFile() {
    Path file = dir.resolve("capture.jsonl");
    CaptureSession live = session(file);
    workload(live, ticker);
    live.close();
    io.querydoctor.core.diagnosis.DiagnosisResults results = new io.querydoctor.core.diagnosis.DiagnosisResults();
    new CaptureFileAnalyzer().analyze(file, results);
    assertThat(results.findings()).extracting(Finding::ruleId).contains("n-plus-one", "offset-pagination");

    io.querydoctor.core.diagnosis.DiagnosisResults missing = new io.querydoctor.core.diagnosis.DiagnosisResults();
    new CaptureFileAnalyzer().analyze(dir.resolve("nope.jsonl"), missing);
    assertThat(missing.findings()).isEmpty();
    assertThat(missing.skipped()).singleElement().satisfies(s -> assertThat(s.toString()).contains("nope.jsonl"));
  }

  @Test
  void literalsAreRedactedByDefault() throws IOException {
    Path file = dir.resolve("capture.jsonl");
    CaptureSession live = session(file);
    workload(live, ticker);
    live.close();
    String text = Files.readString(file);
    assertThat(text).doesNotContain("alice@example.com").doesNotContain("post_id = 10").contains("post_id = ?");
  }

  @Test
  void anUnwritableFileDoesNotDisturbCapture() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    CaptureSession live = session(notADirectory.resolve("capture.jsonl"));
    workload(live, ticker);
    live.close();
    assertThat(live.aggregate().totalCalls()).isEqualTo(25);
    assertThat(live.findings()).isNotEmpty();
    assertThat(live.captureFileDropped()).isEqualTo(25 + 6);
    assertThat(live.failures()).isZero();
  }

  @Test
  void aMalformedLineIsAOneLineErrorWithItsNumber() throws IOException {
    Path file = Files.write(dir.resolve("bad.jsonl"), List.of("{\"type\":\"scope\",\"id\":1,\"name\":\"a\","
        + "\"kind\":\"explicit\"}", "this is not json", "{}"));
    assertThatThrownBy(() -> new CaptureFileReader().read(file))
        .isInstanceOf(CaptureFileException.class)
        .hasMessageStartingWith(file + " line 2: not a capture event");
  }

  @Test
  void aTruncatedLastLineIsSkipped() throws IOException {
    Path file = dir.resolve("capture.jsonl");
    CaptureSession live = session(file);
    workload(live, ticker);
    live.close();
    Files.writeString(file, "{\"type\":\"statem", java.nio.file.StandardOpenOption.APPEND);
    CaptureFileReader.Replay replay = new CaptureFileReader().read(file);
    assertThat(replay.skippedLines()).isEqualTo(1);
    assertThat(replay.statements()).isEqualTo(25);
  }
}

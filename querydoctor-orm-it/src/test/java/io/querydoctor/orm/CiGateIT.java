package io.querydoctor.orm;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.CaptureFileAnalyzer;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.orm.library.MyBatisLibrary;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI gate: the fixed version of every case, captured to a file as an application under test would
 * ({@code -Dquerydoctor.captureFile}) and replayed the way {@code querydoctor diagnose --capture FILE} does, has
 * nothing at medium or above, so {@code --fail-on medium} passes; the same gate fails on the unfixed loop.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class CiGateIT {

  private Library library;

  /**
   * Runs {@code work} on a library whose pool captures into a fresh JVM-wide session writing {@code file};
   * returns the replay.
   */
  private List<Finding> replayed(TestDatabase db, Path file, Runnable work) throws SQLException {
    CaptureSession session = CaptureSession.start(CaptureOptions.builder().captureFile(file)
        .thresholds(Library.THRESHOLDS).build());
    library = Library.open(db, session);
    try {
      work.run();
    } finally {
      library.close();
      session.close();
    }
    assertThat(session.aggregate().totalCalls()).as("statements captured").isGreaterThan(10);
    DiagnosisResults results = new DiagnosisResults();
    new CaptureFileAnalyzer(Library.THRESHOLDS).analyze(file, results);
    assertThat(results.skipped()).isEmpty();
    return results.findings();
  }

  private static List<Finding> failing(List<Finding> findings) {
    return findings.stream().filter(f -> f.severity().atLeast(Severity.MEDIUM)).toList();
  }

  private static void scope(String name, Runnable work) {
    try (Scope scope = QueryDoctor.scope(name)) {
      work.run();
    }
  }

  @Test
  void passesAtMediumOnTheFixedVersionOfEveryCase(TestDatabase db, @TempDir Path dir) throws SQLException {
    List<Long> ids = LongStream.rangeClosed(1, 300).boxed().toList();
    List<Finding> findings = replayed(db, dir.resolve("fixed.capture.jsonl"), () -> {
      for (int size : new int[] {10, 50}) {
        scope("collections batch " + size, () -> library.batchFetching(size).booksPerBranch(Library.BRANCHES));
        scope("proxies batch " + size, () -> library.batchFetching(size).branchNamesOfBooks(Library.BOOKS));
        scope("eager batch " + size, () -> library.batchFetching(size).publishersOfBooks(Library.BOOKS));
      }
      scope("join fetch", () -> library.plain().booksPerBranchJoinFetch(Library.BRANCHES));
      scope("multi-id", () -> library.plain().branchNamesByIds(ids));
      scope("id list", () -> library.plain().branchNamesByIdList(ids));
      scope("batched inserts", () -> library.batchedWrites().recordVisits(300));
      scope("short lock", () -> library.plain().settleFee(3, 0));
      scope("mybatis chunks", () -> new MyBatisLibrary(library.dataSource()).namesInChunks(ids));
    });
    assertThat(failing(findings)).as("findings at medium or above").isEmpty();
  }

  @Test
  void failsAtMediumOnTheUnfixedLoop(TestDatabase db, @TempDir Path dir) throws SQLException {
    List<Finding> findings = replayed(db, dir.resolve("unfixed.capture.jsonl"),
        () -> scope("collections", () -> library.plain().booksPerBranch(30)));
    assertThat(failing(findings)).extracting(Finding::ruleId).containsExactly("n-plus-one");
  }
}

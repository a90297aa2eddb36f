package io.querydoctor.postgres.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.LogFormat;
import io.querydoctor.core.digest.ShapeDigest;
import io.querydoctor.core.digest.WorkloadDigest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSlicesTest {

  @TempDir
  Path tmp;

  /** The fixture {@code copies} times over, with the malformed fixture in the middle. */
  private Path bigLog(String name, String valid, String malformed, int copies) throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    for (int i = 0; i < copies; i++) {
      log.write(LogFixtures.bytes(i == copies / 2 ? malformed : valid));
      log.write('\n');
    }
    return Files.write(tmp.resolve(name), log.toByteArray());
  }

  private static WorkloadDigest digest(Path file, int cores) throws IOException {
    return new LogFileDigester(null, null, DigestBuilder.DEFAULT_MAX_SHAPES, ProgressListener.NONE, cores, 0)
        .digest(List.of(file));
  }

  @Test
  void aStderrLogReadInFourSlicesGivesTheDigestOfOneReadWithTheSameLineNumbers() throws IOException {
    Path log = bigLog("big.log", "pg-stderr/valid.log", "pg-stderr/malformed.log", 9);

    assertThat(LogSlices.starts(log, LogFormat.PG_STDERR, Files.size(log), 4, 0)).hasSize(4);
    WorkloadDigest sliced = digest(log, 4);
    WorkloadDigest whole = digest(log, 1);

    assertSameDigest(sliced, whole);
    assertThat(sliced.parse().skipped()).isPositive();
  }

  @Test
  void aCsvLogIsCutOnlyAtRecordStarts() throws IOException {
    Path log = bigLog("big.csv", "pg-csv/valid.csv", "pg-csv/malformed.csv", 7);

    assertSameDigest(digest(log, 3), digest(log, 1));
  }

  /** Equal but for the order in which floating-point times were summed. */
  private static void assertSameDigest(WorkloadDigest actual, WorkloadDigest expected) {
    assertThat(actual.parse()).isEqualTo(expected.parse());
    assertThat(actual.statements()).isEqualTo(expected.statements());
    assertThat(actual.totalMillis()).isCloseTo(expected.totalMillis(), within(1e-6));
    assertThat(actual.shapes()).hasSameSizeAs(expected.shapes());
    for (int i = 0; i < expected.shapes().size(); i++) {
      ShapeDigest a = actual.shapes().get(i);
      ShapeDigest e = expected.shapes().get(i);
      assertThat(a.fingerprint()).isEqualTo(e.fingerprint());
      assertThat(a.calls()).isEqualTo(e.calls());
      assertThat(a.totalMillis()).isCloseTo(e.totalMillis(), within(1e-6));
      assertThat(List.of(a.minMillis(), a.maxMillis(), a.p50Millis(), a.p95Millis(), a.p99Millis()))
          .isEqualTo(List.of(e.minMillis(), e.maxMillis(), e.p50Millis(), e.p95Millis(), e.p99Millis()));
      assertThat(a.databases()).isEqualTo(e.databases());
      assertThat(a.firstSeen()).isEqualTo(e.firstSeen());
      assertThat(a.lastSeen()).isEqualTo(e.lastSeen());
      assertThat(a.distinctParameterSets()).isEqualTo(e.distinctParameterSets());
    }
  }

  /**
   * MySQL 8 style: {@code use} only when the database changes, {@code # Time} only when the second changes and
   * no {@code SET timestamp} on some entries, so entries after a cut inherit both from before it.
   */
  private Path slowLog(int entries) throws IOException {
    StringBuilder log = new StringBuilder("/usr/sbin/mysqld, Version: 8.0.36 (MySQL). started with:\n");
    for (int i = 0; i < entries; i++) {
      if (i % 7 == 0) {
        log.append("# Time: 2026-11-21T06:").append(String.format("%02d:%02d", i / 3600 % 60, i / 60 % 60))
            .append(".000000Z\n");
      }
      log.append("# User@Host: app[app] @ h").append(i % 3).append(" [10.0.0.").append(i % 3).append("]  Id: 8\n")
          .append("# Query_time: 0.00").append(1 + i % 9).append("  Lock_time: 0.000001 Rows_sent: 1")
          .append("  Rows_examined: ").append(i % 50).append('\n');
      if (i % 50 == 0) {
        log.append("use db").append(i / 50 % 4).append(";\n");
      }
      if (i % 3 != 0) {
        log.append("SET timestamp=").append(1_795_240_000 + i / 5).append(";\n");
      }
      log.append(i % 4 == 0 ? "SELECT c FROM t WHERE id = " + i + ";\n" : "UPDATE t\n  SET k = k + 1\n WHERE id = " + i + ";\n");
    }
    return Files.writeString(tmp.resolve("slow.log"), log, StandardCharsets.UTF_8);
  }

  @Test
  void aSlowLogIsCutAtEntryStartsAndItsPartsInheritDatabaseAndTime() throws IOException {
    Path log = slowLog(20_000);

    assertThat(LogSlices.starts(log, LogFormat.MYSQL_SLOW, Files.size(log), 4, 0)).hasSize(4);
    WorkloadDigest sliced = digest(log, 4);
    WorkloadDigest whole = digest(log, 1);

    assertSameDigest(sliced, whole);
    assertThat(whole.statements()).isEqualTo(20_000);
    assertThat(whole.shapes()).allSatisfy(shape -> assertThat(shape.databases()).hasSize(4));
  }

  @Test
  void aSlowLogWithoutDatabaseLinesNearTheCutIsNotCut() throws IOException {
    StringBuilder log = new StringBuilder("use shop;\n");
    log.append("# Time: 2026-11-21T06:00:00Z\n# User@Host: a[a] @ h []\n# Query_time: 1\nSELECT 1;\n".repeat(200_000));
    Path file = Files.writeString(tmp.resolve("far.log"), log, StandardCharsets.UTF_8);

    assertThat(Files.size(file)).isGreaterThan(2L * LogSlices.CONTEXT_BYTES);
    assertThat(LogSlices.starts(file, LogFormat.MYSQL_SLOW, Files.size(file), 2, 0)).containsExactly(0L);
  }

  @Test
  void slowLogsAndSmallFilesAreNotCut() throws IOException {
    Path slow = Files.writeString(tmp.resolve("slow.log"), "# Query_time: 1\nSELECT 1;\n".repeat(1000),
        StandardCharsets.UTF_8);

    assertThat(LogSlices.starts(slow, LogFormat.MYSQL_SLOW, Files.size(slow), 4, 0)).containsExactly(0L);
    assertThat(LogSlices.starts(slow, LogFormat.PG_JSON, Files.size(slow), 4, Long.MAX_VALUE)).containsExactly(0L);
  }
}

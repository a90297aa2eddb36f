package io.querydoctor.postgres.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.WorkloadDigest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileDigesterTest {

  @TempDir
  Path tmp;

  private static LogFileDigester auto() {
    return new LogFileDigester(null, null, DigestBuilder.DEFAULT_MAX_SHAPES, ProgressListener.NONE);
  }

  @Test
  void digestsSeveralFilesOfDifferentFormatsAndCompressionAsOne() throws IOException {
    Path stderr = tmp.resolve("postgresql.log.1.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(stderr))) {
      out.write(LogFixtures.bytes("pg-stderr/valid.log"));
    }
    Path csv = Files.write(tmp.resolve("postgresql.csv"), LogFixtures.bytes("pg-csv/valid.csv"));
    Path json = Files.write(tmp.resolve("postgresql.json"), LogFixtures.bytes("pg-json/valid.json"));

    WorkloadDigest digest = auto().digest(List.of(stderr, csv, json));

    assertThat(digest.statements()).isEqualTo(3 * 175);
    assertThat(digest.parse().skipped()).isZero();
    assertThat(digest.shapes()).allSatisfy(s -> assertThat(s.calls() % 3).isZero());
  }

  @Test
  void refusesToMixPostgresqlAndMysqlLogs() throws IOException {
    Path pg = Files.write(tmp.resolve("pg.log"), LogFixtures.bytes("pg-stderr/valid.log"));
    Path my = Files.writeString(tmp.resolve("slow.log"),
        "# Time: 2026-11-21T06:00:00Z\n# User@Host: a[a] @ h []\n# Query_time: 1  Lock_time: 0\nSELECT 1;\n");

    assertThatThrownBy(() -> auto().digest(List.of(pg, my))).isInstanceOf(IOException.class)
        .hasMessageContaining("cannot digest PostgreSQL and MySQL logs together");
  }

  @Test
  void saysWhenNoKnownPrefixFits() throws IOException {
    Path odd = Files.writeString(tmp.resolve("odd.log"), "<134>Nov 21 06:00:00 db postgres[1]: [1-1] LOG:  x\n");

    assertThatThrownBy(() -> auto().digest(List.of(odd))).isInstanceOf(IOException.class)
        .hasMessageContaining("pass it with --prefix");
  }
}

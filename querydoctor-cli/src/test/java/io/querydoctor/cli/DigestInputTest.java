package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 21): files among a run's logs that sank the whole run or were misnamed. An empty file (log
 * rotation leaves them) failed with a message about log_line_prefix; a truncated gzip failed the run and threw
 * away everything readable; a path through a non-directory was called missing; UTF-16 and binary logs got no
 * word about what they are. Real log fixture, real files, the command in-process.
 */
class DigestInputTest {

  private static final Path VALID = Path.of("..", "querydoctor-postgres", "src", "test", "resources", "logs",
      "pg-stderr", "valid.log");

  @TempDir
  Path tmp;

  @Test
  void emptyFilesAmongGoodOnesAreSkippedAndNamed() throws IOException {
    Path good = Files.copy(VALID, tmp.resolve("postgresql-1.log"));
    Path empty = Files.createFile(tmp.resolve("postgresql-2.log"));
    Path emptyGz = gzip(new byte[0], tmp.resolve("postgresql-3.log.gz"));

    CliRun run = CliRun.of("digest", "-q", good.toString(), empty.toString(), emptyGz.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    assertThat(run.out()).contains("175 statements").contains(empty + ": empty, skipped")
        .contains(emptyGz + ": empty, skipped");
  }

  @Test
  void onlyEmptyFilesGiveAnEmptyDigestNotAFailure() throws IOException {
    Path empty = Files.createFile(tmp.resolve("postgresql.log"));

    CliRun run = CliRun.of("digest", "-q", empty.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    assertThat(run.out()).contains(empty + ": empty, skipped");
  }

  @Test
  void aTruncatedGzipIsReadUpToTheDamageAndTheRestOfTheRunKept() throws IOException {
    byte[] log = Files.readAllBytes(VALID);
    byte[] whole = Files.readAllBytes(gzip(log, tmp.resolve("whole.gz")));
    Path truncated = Files.write(tmp.resolve("postgresql-1.log.gz"), Arrays.copyOf(whole, whole.length * 6 / 10));
    Path good = Files.copy(VALID, tmp.resolve("postgresql-2.log"));

    CliRun run = CliRun.of("digest", "-q", "--format", "json", truncated.toString(), good.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    JsonNode parse = new ObjectMapper().readTree(run.out()).at("/workload/digest/parse");
    long statements = new ObjectMapper().readTree(run.out()).at("/workload/digest/statements").asLong();
    assertThat(statements).isGreaterThan(175 + 50).isLessThan(2 * 175);
    assertThat(parse.at("/files/0").asText()).startsWith(truncated + ": gzip data ends early")
        .contains("read up to there");
    assertThat(CliRun.of("digest", "-q", truncated.toString()).out()).contains(truncated + ": gzip data ends early");
  }

  @Test
  void aPathThroughAFileIsNotCalledMissing() {
    // As root we cannot be denied a directory, but the same check that must not say "no such file" for a
    // directory we may not enter (EACCES) must not say it when a part of the path is a file (ENOTDIR).
    CliRun run = CliRun.of("digest", "-q", VALID.resolve("postgresql.log").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("a part of the path above it is not a directory")
        .doesNotContain("no such file");
  }

  @Test
  void utf16AndBinaryLogsSayWhatTheyAre() throws IOException {
    String text = Files.readString(VALID);
    Path utf16 = Files.write(tmp.resolve("utf16.log"), ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE));
    Path binary = Files.write(tmp.resolve("core.log"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0});

    CliRun utf16Run = CliRun.of("digest", "-q", utf16.toString());
    CliRun binaryRun = CliRun.of("digest", "-q", binary.toString());

    assertThat(utf16Run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(utf16Run.errorLine()).contains(utf16.toString()).contains("UTF-16");
    assertThat(binaryRun.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(binaryRun.errorLine()).contains(binary.toString()).contains("not a text file");
  }

  private static Path gzip(byte[] content, Path file) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    }
    return Files.write(file, bytes.toByteArray());
  }
}

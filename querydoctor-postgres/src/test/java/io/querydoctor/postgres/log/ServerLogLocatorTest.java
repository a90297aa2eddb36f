package io.querydoctor.postgres.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.digest.LogFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Where a window cut out of the middle of a server log starts, and which format a log file's name says. */
class ServerLogLocatorTest {

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aStderrWindowStartsAtTheFirstRecordNotInsideAContinuationLine() {
    String window = "ed\": 12}\n\t  ]\n\t}\n2026-12-06 12:00:00.001 UTC [42] LOG:  duration: 1.2 ms\n";

    int start = ServerLogLocator.firstRecord(bytes(window), LogFormat.PG_STDERR);

    assertThat(window.substring(start)).startsWith("2026-12-06 12:00:00.001 UTC [42] LOG:");
  }

  @Test
  void aJsonlogWindowStartsRightAfterTheCutLine() {
    String window = "\"message\":\"cut\"}\n{\"timestamp\":\"2026-12-06\"}\n";

    assertThat(window.substring(ServerLogLocator.firstRecord(bytes(window), LogFormat.PG_JSON)))
        .startsWith("{\"timestamp\"");
  }

  @Test
  void aWindowWithoutANewlineIsKeptWhole() {
    assertThat(ServerLogLocator.firstRecord(bytes("no newline at all"), LogFormat.PG_CSV)).isZero();
  }

  @Test
  void theFormatComesFromTheFileName() {
    assertThat(ServerLogLocator.formatOf("log/postgresql-2026-12-06.csv")).isEqualTo(LogFormat.PG_CSV);
    assertThat(ServerLogLocator.formatOf("log/postgresql-2026-12-06.json")).isEqualTo(LogFormat.PG_JSON);
    assertThat(ServerLogLocator.formatOf("/var/log/postgresql/postgresql-15-main.log")).isEqualTo(LogFormat.PG_STDERR);
  }
}

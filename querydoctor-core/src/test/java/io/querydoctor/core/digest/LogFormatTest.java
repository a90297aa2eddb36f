package io.querydoctor.core.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogFormatTest {

  private static LogFormat detect(String head) {
    byte[] bytes = head.getBytes(StandardCharsets.UTF_8);
    return LogFormat.detect(bytes, bytes.length);
  }

  @Test
  void detectsEachFormatFromItsFirstLines() {
    assertThat(detect("2026-11-21 06:00:00.000 UTC [1] LOG:  starting\n")).isEqualTo(LogFormat.PG_STDERR);
    assertThat(detect("2026-11-21 06:00:00.000 UTC,\"u\",\"d\",1,\"127.0.0.1:5\",x,1,\"\",,0/0,0,LOG,00000,\"m\"\n"))
        .isEqualTo(LogFormat.PG_CSV);
    assertThat(detect("{\"timestamp\":\"2026-11-21 06:00:00.000 UTC\",\"pid\":1}\n")).isEqualTo(LogFormat.PG_JSON);
    assertThat(detect("/usr/sbin/mysqld, Version: 8.0.36. started with:\n# Time: 2026-11-21T06:00:00Z\n"
        + "# User@Host: a[a] @ h []\n# Query_time: 1  Lock_time: 0 Rows_sent: 0  Rows_examined: 0\n"))
        .isEqualTo(LogFormat.MYSQL_SLOW);
  }

  @Test
  void parsesIdsAndNamesTheAllowedOnesOtherwise() {
    assertThat(LogFormat.parse("PG-CSV")).isEqualTo(LogFormat.PG_CSV);
    assertThatThrownBy(() -> LogFormat.parse("syslog")).hasMessageContaining("pg-stderr, pg-csv, pg-json, mysql-slow or pgss-csv");
  }
}

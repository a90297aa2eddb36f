package io.querydoctor.remedies.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The text LOAD DATA LOCAL reads, value by value. */
class LoadDataTextTest {

  @Test
  void aRowIsTabSeparatedWithEscapesNullsBooleansAndTimesWithoutOffset() throws SQLException {
    StringBuilder out = new StringBuilder();
    LoadDataText.appendRow(out, new Object[] {7L, "a\tb\nc\\d", null, true, new BigDecimal("1E+3"),
        OffsetDateTime.of(2024, 1, 1, 2, 0, 0, 0, ZoneOffset.ofHours(2)),
        LocalDateTime.of(2024, 5, 6, 7, 8, 9, 120_000_000)});
    assertThat(out).hasToString("7\ta\\tb\\nc\\\\d\t\\N\t1\t1000\t2024-01-01 00:00:00\t2024-05-06 07:08:09.12\n");
  }

  @Test
  void bytesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> LoadDataText.appendValue(new StringBuilder(), new byte[] {1}))
        .isInstanceOf(SQLException.class).hasMessageContaining("binary");
  }
}

package io.querydoctor.remedies.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RowsCodecTest {

  private static CachedRows rows(Object... values) {
    List<CachedRows.Column> columns = new ArrayList<>();
    String[] texts = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      columns.add(new CachedRows.Column("c" + i, "c" + i, Types.OTHER, "t", "java.lang.Object", "x"));
      texts[i] = values[i] == null || values[i] instanceof String ? null : "text" + i;
    }
    List<Object[]> rowValues = new ArrayList<>();
    rowValues.add(values);
    List<String[]> rowTexts = new ArrayList<>();
    rowTexts.add(texts);
    return new CachedRows(List.copyOf(columns), rowValues, rowTexts, true);
  }

  @Test
  void everyValueTypeDriversReturnForPlainColumnsRoundTrips() {
    Timestamp ts = Timestamp.valueOf("2024-02-29 10:11:12.123456789");
    Object[] values = {null, "é", 1, 2L, (short) 3, (byte) 4, 1.5d, 2.5f, true, new BigDecimal("551695.50"),
        new byte[] {1, 2}, UUID.randomUUID(), ts, java.sql.Date.valueOf("2024-02-29"),
        java.sql.Time.valueOf("10:11:12"), LocalDate.of(2024, 2, 29), OffsetDateTime.parse("2024-02-29T10:11:12Z")};
    SharedStamp stamp = new SharedStamp(7, new long[] {1, 2});
    byte[] bytes = RowsCodec.encode(new RowsCodec.Entry(stamp, 123, rows(values)));

    RowsCodec.Entry back = RowsCodec.decode(bytes);

    assertThat(back.stamp()).isEqualTo(stamp);
    assertThat(back.readAtMillis()).isEqualTo(123);
    assertThat(back.rows().values().get(0)).isEqualTo(values);
    assertThat(back.rows().texts().get(0)).isEqualTo(rows(values).texts().get(0));
    assertThat(back.rows().columns()).isEqualTo(rows(values).columns());
  }

  @Test
  void aValueOfAnotherTypeKeepsTheResultLocal() {
    assertThat(RowsCodec.encode(new RowsCodec.Entry(new SharedStamp(1, new long[0]), 0,
        rows("a", new StringBuilder("driver object"))))).isNull();
  }

  @Test
  void bytesOfAnotherVersionOrTruncatedAreAMiss() {
    byte[] bytes = RowsCodec.encode(new RowsCodec.Entry(new SharedStamp(1, new long[0]), 0, rows("a")));
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);
    bytes[0] = 99;
    assertThat(RowsCodec.decode(bytes)).isNull();
    assertThat(RowsCodec.decode(truncated)).isNull();
  }

  @Test
  void theKeyTellsTypesNamespacesAndValuesApart() {
    CacheKey asLong = new CacheKey("SELECT 1 WHERE a = ?", List.of(5L));
    CacheKey asText = new CacheKey("SELECT 1 WHERE a = ?", List.of("5"));
    assertThat(RowsCodec.keyHash("db1", asLong)).isNotEqualTo(RowsCodec.keyHash("db1", asText))
        .isNotEqualTo(RowsCodec.keyHash("db2", asLong))
        .isEqualTo(RowsCodec.keyHash("db1", new CacheKey("SELECT 1 WHERE a = ?", List.of(5L))));
  }
}

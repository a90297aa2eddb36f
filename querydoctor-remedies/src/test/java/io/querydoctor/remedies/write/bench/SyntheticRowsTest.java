package io.querydoctor.remedies.write.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Generated values fit their columns' declared sizes and differ row to row, so keys and unique columns hold. */
class SyntheticRowsTest {

  private static ColumnShape column(int type, String name, int size, int scale, boolean nullable) {
    return new ColumnShape("c", type, name, size, scale, nullable, false, true);
  }

  @Test
  void textIsCutToItsLengthAndStaysUniqueWhileTheLengthAllows() {
    ColumnShape code = column(Types.VARCHAR, "varchar", 4, 0, false);
    Set<Object> seen = new HashSet<>();
    for (long n = 1; n <= 10_000; n++) {
      String value = (String) SyntheticRows.value(code, n);
      assertThat(value.length()).isLessThanOrEqualTo(4);
      seen.add(value);
    }
    assertThat(seen).hasSize(10_000);
  }

  @Test
  void numericsKeepTheirPrecisionAndScale() {
    ColumnShape price = column(Types.NUMERIC, "numeric", 5, 2, false);
    assertThat(SyntheticRows.value(price, 12_345)).isEqualTo(new BigDecimal("345.00"));
    assertThat(SyntheticRows.value(column(Types.NUMERIC, "numeric", 131_089, 0, false), 7))
        .isEqualTo(new BigDecimal("7"));
  }

  @Test
  void uuidsAndTimestampsDifferRowToRow() {
    ColumnShape uuid = column(Types.OTHER, "uuid", 0, 0, false);
    ColumnShape at = column(Types.TIMESTAMP, "timestamptz", 35, 6, false);
    assertThat(SyntheticRows.value(uuid, 1)).isNotEqualTo(SyntheticRows.value(uuid, 2));
    assertThat(SyntheticRows.value(at, 1)).isNotEqualTo(SyntheticRows.value(at, 2))
        .isInstanceOf(java.time.OffsetDateTime.class);
    assertThat(SyntheticRows.boundAsOther(uuid)).isTrue();
  }

  @Test
  void anUnknownNullableTypeGetsNullAndAnUnknownNotNullOneIsNamed() {
    ColumnShape tags = new ColumnShape("tags", Types.ARRAY, "_text", 0, 0, true, false, false);
    assertThat(new SyntheticRows(List.of(tags)).rows(1).next()).containsExactly((Object) null);
    ColumnShape mood = new ColumnShape("mood", Types.OTHER, "mood", 0, 0, false,
        false, false);
    assertThatThrownBy(() -> new SyntheticRows(List.of(mood)))
        .hasMessage("column mood is NOT NULL and of type mood, which bench-writes cannot generate values for");
  }
}

package io.querydoctor.remedies.write.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * Rows of generated values shaped like a table's writable columns. Row n's values are all derived from n, so
 * every column takes a different value on every row as far as its type allows: primary keys and unique columns
 * hold. A NOT NULL column of a type this class cannot make up (an enum, an array, a range) is refused up front
 * with its name; a nullable one gets NULL.
 */
public final class SyntheticRows {

  private static final LocalDateTime BASE_TIME = LocalDateTime.of(2024, 1, 1, 0, 0);

  private final List<ColumnShape> columns;

  /** Throws {@link IllegalArgumentException} naming the first NOT NULL column it cannot generate values for. */
  public SyntheticRows(List<ColumnShape> columns) {
    this.columns = List.copyOf(columns);
    for (ColumnShape c : columns) {
      if (!c.nullable() && value(c, 1) == null) {
        throw new IllegalArgumentException("column " + c.name() + " is NOT NULL and of type " + c.typeName()
            + ", which bench-writes cannot generate values for");
      }
    }
  }

  /** {@code count} rows, numbered from 1. */
  public Iterator<Object[]> rows(long count) {
    return new Iterator<>() {
      private long next = 1;

      @Override
      public boolean hasNext() {
        return next <= count;
      }

      @Override
      public Object[] next() {
        if (next > count) {
          throw new NoSuchElementException();
        }
        return row(next++);
      }
    };
  }

  Object[] row(long n) {
    Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = value(columns.get(i), n);
    }
    return row;
  }

  /** Whether values of {@code c} go to the driver as text typed {@code OTHER} (uuid, json, …). */
  public static boolean boundAsOther(ColumnShape c) {
    return c.jdbcType() == Types.OTHER;
  }

  /** Row {@code n}'s value for {@code c}, or null when the type is not one this class knows. */
  static Object value(ColumnShape c, long n) {
    String type = c.typeName() == null ? "" : c.typeName().toLowerCase(Locale.ROOT);
    return switch (c.jdbcType()) {
      case Types.BIT, Types.BOOLEAN -> type.equals("bit") || type.equals("varbit") ? null : n % 2 == 0;
      case Types.TINYINT -> (byte) (n % Byte.MAX_VALUE);
      case Types.SMALLINT -> (short) (n % Short.MAX_VALUE);
      case Types.INTEGER -> (int) (n % Integer.MAX_VALUE);
      case Types.BIGINT -> n;
      case Types.REAL, Types.FLOAT, Types.DOUBLE -> n + 0.5;
      case Types.NUMERIC, Types.DECIMAL -> decimal(c, n);
      case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR,
          Types.CLOB -> text(c, n);
      case Types.DATE -> LocalDate.of(2000, 1, 1).plusDays(n % 36_500);
      case Types.TIME -> LocalTime.ofSecondOfDay(n % 86_400);
      case Types.TIMESTAMP -> type.contains("tz") ? OffsetDateTime.of(BASE_TIME.plusSeconds(n), ZoneOffset.UTC)
          : BASE_TIME.plusSeconds(n);
      case Types.TIMESTAMP_WITH_TIMEZONE -> OffsetDateTime.of(BASE_TIME.plusSeconds(n), ZoneOffset.UTC);
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
          ByteBuffer.allocate(Long.BYTES).putLong(n).array();
      case Types.OTHER -> other(type, n);
      default -> null;
    };
  }

  private static Object other(String type, long n) {
    return switch (type) {
      case "uuid" -> new UUID(0x5157_0000_0000_4000L, 0x8000_0000_0000_0000L | n).toString();
      case "json", "jsonb" -> "{\"n\": " + n + "}";
      case "inet" -> "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
      default -> null;
    };
  }

  /** n modulo what fits in the declared precision, at the declared scale. */
  private static BigDecimal decimal(ColumnShape c, long n) {
    int integerDigits = c.size() <= 0 || c.size() > 18 ? 18 : c.size() - c.scale();
    if (integerDigits <= 0) {
      return BigDecimal.ZERO.setScale(c.scale());
    }
    long bound = BigInteger.TEN.pow(Math.min(integerDigits, 18)).longValue();
    return BigDecimal.valueOf(n % bound).setScale(Math.max(0, Math.min(c.scale(), 6)));
  }

  /** "r" and n in base 36, trimmed from the left to the declared length (CHAR(1) repeats every 36 rows). */
  private static String text(ColumnShape c, long n) {
    String text = "r" + Long.toString(n, 36);
    int max = c.size() <= 0 ? Integer.MAX_VALUE : c.size();
    return text.length() <= max ? text : text.substring(text.length() - max);
  }
}

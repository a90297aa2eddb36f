package io.querydoctor.remedies.write;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Values in the text {@code LOAD DATA … FIELDS TERMINATED BY '\t' ESCAPED BY '\\'} reads: tab between columns,
 * {@code \N} for null, backslash escapes for tab, newline and backslash, booleans as 1/0, datetimes without an
 * offset (an offset time goes in as UTC). Bytes have no safe text form here and are refused.
 */
final class LoadDataText {

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private LoadDataText() {}

  static void appendRow(StringBuilder out, Object[] row) throws java.sql.SQLException {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        out.append('\t');
      }
      appendValue(out, row[i]);
    }
    out.append('\n');
  }

  static void appendValue(StringBuilder out, Object value) throws java.sql.SQLException {
    if (value == null) {
      out.append("\\N");
    } else if (value instanceof Boolean b) {
      out.append(b ? '1' : '0');
    } else if (value instanceof byte[]) {
      throw new java.sql.SQLException("LOAD DATA text cannot carry binary values: write them with INSERTs");
    } else if (value instanceof OffsetDateTime time) {
      appendDateTime(out, time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    } else if (value instanceof LocalDateTime time) {
      appendDateTime(out, time);
    } else if (value instanceof BigDecimal decimal) {
      out.append(decimal.toPlainString());
    } else {
      escape(out, value.toString());
    }
  }

  /** Always with seconds ({@code LocalDateTime.toString} drops zero seconds), a fraction only when there is one. */
  private static void appendDateTime(StringBuilder out, LocalDateTime time) {
    out.append(SECONDS.format(time));
    if (time.getNano() != 0) {
      out.append(String.format(java.util.Locale.ROOT, ".%09d", time.getNano()).replaceFirst("0+$", ""));
    }
  }

  private static void escape(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
  }
}

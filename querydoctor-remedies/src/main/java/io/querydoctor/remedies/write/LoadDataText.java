package io.querydoctor.remedies.write;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Values in the text {@code LOAD DATA … FIELDS TERMINATED BY '\t' ESCAPED BY '\\'} reads: tab between columns,
 * {@code \N} for null, backslash escapes for tab, newline and backslash, booleans as 1/0, datetimes without an
 * offset (an offset time goes in as UTC). Bytes have no safe text form here and are refused.
 */
final class LoadDataText {

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
      out.append(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' '));
    } else if (value instanceof LocalDateTime time) {
      out.append(time.toString().replace('T', ' '));
    } else if (value instanceof BigDecimal decimal) {
      out.append(decimal.toPlainString());
    } else {
      escape(out, value.toString());
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

package io.querydoctor.remedies.write;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Values in PostgreSQL's COPY text format: tab between columns, {@code \N} for null, backslash escapes for the
 * characters that would end a field or a row, {@code \\x…} for bytes, {@code t}/{@code f} for booleans. Dates and
 * times go in ISO form, which PostgreSQL reads whatever its DateStyle.
 */
final class CopyText {

  private CopyText() {}

  /** One row, ended by a newline. */
  static void appendRow(StringBuilder out, Object[] row) {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        out.append('\t');
      }
      appendValue(out, row[i]);
    }
    out.append('\n');
  }

  static void appendValue(StringBuilder out, Object value) {
    if (value == null) {
      out.append("\\N");
    } else if (value instanceof Boolean b) {
      out.append(b ? 't' : 'f');
    } else if (value instanceof byte[] bytes) {
      out.append("\\\\x").append(HexFormat.of().formatHex(bytes));
    } else if (value instanceof OffsetDateTime time) {
      out.append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
    } else if (value instanceof java.math.BigDecimal decimal) {
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

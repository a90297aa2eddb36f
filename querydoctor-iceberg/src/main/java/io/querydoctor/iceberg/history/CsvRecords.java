package io.querydoctor.iceberg.history;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records over a text: fields separated by commas, a field in double quotes may hold commas, line
 * breaks and doubled quotes. Tracks the line each record starts on, for error messages.
 */
final class CsvRecords {

  private final String text;
  private int position;
  private int line = 1;
  private int recordLine;

  CsvRecords(String text) {
    this.text = text;
  }

  /** The line the last record returned started on. */
  int recordLine() {
    return recordLine;
  }

  /** The next record, or {@code null} at the end. */
  List<String> next() {
    if (position >= text.length()) {
      return null;
    }
    recordLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    while (position < text.length()) {
      char c = text.charAt(position++);
      if (quoted) {
        if (c == '"' && position < text.length() && text.charAt(position) == '"') {
          field.append('"');
          position++;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        line++;
        break;
      } else if (c != '\r') {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}

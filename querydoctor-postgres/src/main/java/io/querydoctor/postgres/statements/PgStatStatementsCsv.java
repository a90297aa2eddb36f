package io.querydoctor.postgres.statements;

import io.querydoctor.core.digest.LogInput;
import io.querydoctor.core.digest.ParseProblems;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code pg_stat_statements} export as CSV with a header, as {@code \copy (SELECT * FROM pg_stat_statements)
 * TO 'f.csv' CSV HEADER} writes it, read into a {@link PgStatStatementsSnapshot}.
 *
 * <p>Columns are found by name in the header, so any column order and any server version work: {@code query},
 * {@code calls}, {@code total_exec_time} (PostgreSQL 13+) or {@code total_time}, optional {@code min_…}/
 * {@code max_…}, {@code rows}, {@code queryid}. The view has role and database OIDs only; names are taken from
 * {@code rolname}/{@code usename}/{@code user} and {@code datname}/{@code database} columns when the export
 * joined them in. Quoted fields may span lines (multi-line queries). A record that cannot be read (wrong
 * number of fields, a number that is not one) is counted with its line number and skipped; a file whose header
 * lacks the required columns is an {@link IOException} with a one-line message.
 */
public final class PgStatStatementsCsv {

  static final String BAD_RECORD = "unreadable pg_stat_statements records";

  private PgStatStatementsCsv() {}

  /** Reads {@code file} (gzip or not); problems inside it go to {@code problems}. */
  public static PgStatStatementsSnapshot read(Path file, ParseProblems problems) throws IOException {
    try (Reader reader = new BufferedReader(new InputStreamReader(LogInput.open(file),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)), 1 << 16)) {
      CsvLines csv = new CsvLines(reader);
      List<String> header = csv.next();
      Columns columns = Columns.of(header, file);
      List<PgStatStatementsSnapshot.Row> rows = new ArrayList<>();
      List<String> record;
      while ((record = csv.next()) != null) {
        if (record.size() == 1 && record.get(0).isEmpty()) {
          continue;
        }
        PgStatStatementsSnapshot.Row row = columns.row(record);
        if (row == null) {
          problems.skip(csv.recordLine, BAD_RECORD);
        } else {
          problems.statement();
          rows.add(row);
        }
      }
      problems.linesRead(csv.line);
      return new PgStatStatementsSnapshot(null, Instant.now(), 0, rows);
    }
  }

  /** Column positions by header name. */
  private record Columns(int size, int query, int calls, int total, int min, int max, int rows, int queryId,
      int user, int database) {

    static Columns of(List<String> header, Path file) throws IOException {
      if (header == null) {
        throw new IOException(file + " is empty: expected a pg_stat_statements CSV export with a header");
      }
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        index.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
      }
      int query = index.getOrDefault("query", -1);
      int calls = index.getOrDefault("calls", -1);
      int total = first(index, "total_exec_time", "total_time");
      if (query < 0 || calls < 0 || total < 0) {
        throw new IOException(file + " is not a pg_stat_statements CSV export: its header needs query, calls and "
            + "total_exec_time (or total_time) columns");
      }
      return new Columns(header.size(), query, calls, total, first(index, "min_exec_time", "min_time"),
          first(index, "max_exec_time", "max_time"), first(index, "rows"), first(index, "queryid"),
          first(index, "rolname", "usename", "user"), first(index, "datname", "database"));
    }

    private static int first(Map<String, Integer> index, String... names) {
      for (String name : names) {
        Integer at = index.get(name);
        if (at != null) {
          return at;
        }
      }
      return -1;
    }

    PgStatStatementsSnapshot.Row row(List<String> record) {
      if (record.size() != size) {
        return null;
      }
      try {
        return new PgStatStatementsSnapshot.Row(
            queryId < 0 || record.get(queryId).isEmpty() ? 0 : Long.parseLong(record.get(queryId)),
            text(record, user), text(record, database), record.get(query), Long.parseLong(record.get(calls)),
            Double.parseDouble(record.get(total)), number(record, min), number(record, max),
            rows < 0 ? -1 : Long.parseLong(record.get(rows)));
      } catch (NumberFormatException e) {
        return null;
      }
    }

    private static String text(List<String> record, int at) {
      return at < 0 || record.get(at).isEmpty() ? null : record.get(at);
    }

    private static double number(List<String> record, int at) {
      return at < 0 || record.get(at).isEmpty() ? 0 : Double.parseDouble(record.get(at));
    }
  }

  /** RFC 4180 records (PostgreSQL's CSV): quoted fields with doubled quotes, newlines inside quotes. */
  private static final class CsvLines {
    private final Reader in;
    long line = 0;
    long recordLine;

    CsvLines(Reader in) {
      this.in = in;
    }

    /** The next record's fields, or {@code null} at the end. */
    List<String> next() throws IOException {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      recordLine = ++line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      while (c >= 0) {
        if (quoted) {
          if (c == '"') {
            in.mark(1);
            int after = in.read();
            if (after == '"') {
              field.append('"');
            } else {
              quoted = false;
              if (after >= 0) {
                in.reset();
              }
            }
          } else {
            line += c == '\n' ? 1 : 0;
            field.append((char) c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
        } else if (c == '\n') {
          break;
        } else if (c != '\r') {
          field.append((char) c);
        }
        c = in.read();
      }
      fields.add(field.toString());
      return fields;
    }
  }
}

package io.querydoctor.iceberg.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a query-history file (docs/iceberg.md, "Query history"): JSON lines, one object per query, or CSV with a
 * header row (RFC 4180 quoting, so SQL may hold commas, quotes and line breaks). The format is chosen by the
 * first non-blank character: {@code &#123;} is JSON lines, anything else CSV. A malformed record fails the read
 * with its line number; nothing is skipped silently.
 */
public final class QueryHistoryReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  public QueryHistory read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String name = file.getFileName().toString();
    String trimmed = text.stripLeading();
    List<HistoryEntry> entries = trimmed.startsWith("{") ? jsonLines(text, name) : csv(text, name);
    return new QueryHistory(name, entries);
  }

  /** Entries of JSON-lines {@code text} (for tests and callers that hold the history in memory). */
  public static List<HistoryEntry> jsonLinesForTest(String text) throws IOException {
    return jsonLines(text, "(text)");
  }

  static List<HistoryEntry> jsonLines(String text, String name) throws IOException {
    List<HistoryEntry> entries = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(new java.io.StringReader(text))) {
      String line;
      int number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String where = name + " line " + number;
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          throw new HistoryFormatException(where + ": not a JSON object (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
          throw new HistoryFormatException(where + ": not a JSON object");
        }
        Map<String, String> fields = new HashMap<>();
        node.fields().forEachRemaining(f -> fields.put(f.getKey().toLowerCase(Locale.ROOT),
            f.getValue().isNull() ? null : f.getValue().asText()));
        entries.add(HistoryFields.entry(fields, where));
      }
    }
    return entries;
  }

  static List<HistoryEntry> csv(String text, String name) {
    CsvRecords records = new CsvRecords(text);
    List<String> header = records.next();
    if (header == null) {
      return List.of();
    }
    List<String> names = header.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    if (!HistoryFields.hasSql(names)) {
      throw new HistoryFormatException(name + " line 1: the CSV header names no SQL column (sql or query_text)");
    }
    List<HistoryEntry> entries = new ArrayList<>();
    List<String> row;
    while ((row = records.next()) != null) {
      String where = name + " line " + records.recordLine();
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      if (row.size() != names.size()) {
        throw new HistoryFormatException(where + ": " + row.size() + " fields, the header has " + names.size());
      }
      Map<String, String> fields = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        fields.put(names.get(i), row.get(i));
      }
      entries.add(HistoryFields.entry(fields, where));
    }
    return entries;
  }
}

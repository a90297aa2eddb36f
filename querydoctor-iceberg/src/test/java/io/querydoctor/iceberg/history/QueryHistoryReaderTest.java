package io.querydoctor.iceberg.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryHistoryReaderTest {

  @TempDir
  Path dir;

  @Test
  void readsCsvWithQuotedSqlHoldingCommasQuotesAndLineBreaks() throws Exception {
    Path file = write("h.csv", "timestamp,sql,latency_ms,files_scanned,bytes_scanned\n"
        + "2024-01-15T10:00:00Z,\"SELECT a, b FROM db.events\nWHERE name = 'x' AND note = \"\"y\"\"\",250.5,12,1048576\n"
        + "1705312800000,SELECT 1,3,,\n");
    QueryHistory history = new QueryHistoryReader().read(file);
    assertThat(history.entries()).hasSize(2);
    HistoryEntry first = history.entries().get(0);
    assertThat(first.sql()).isEqualTo("SELECT a, b FROM db.events\nWHERE name = 'x' AND note = \"y\"");
    assertThat(first.latencyMillis()).isEqualTo(250.5);
    assertThat(first.filesScanned()).isEqualTo(12);
    assertThat(first.bytesScanned()).isEqualTo(1_048_576);
    assertThat(first.timestamp()).isEqualTo(Instant.parse("2024-01-15T10:00:00Z"));
    assertThat(history.entries().get(1).timestamp()).isEqualTo(Instant.ofEpochMilli(1705312800000L));
    assertThat(history.entries().get(1).filesScanned()).isEqualTo(-1);
  }

  @Test
  void readsJsonLinesWithTheRunbooksMetricNames() throws Exception {
    Path file = write("h.jsonl", "{\"query_text\": \"SELECT * FROM db.events WHERE user_id = 1\", \"duration_ms\": 1200,"
        + " \"start_time\": \"2024-01-15T10:00:00Z\", \"files_scanned\": 40, \"bytes_scanned\": 9000}\n\n"
        + "{\"sql\": \"SELECT 2\", \"latency_ms\": 5}\n");
    QueryHistory history = new QueryHistoryReader().read(file);
    assertThat(history.entries()).extracting(HistoryEntry::latencyMillis).containsExactly(1200.0, 5.0);
    assertThat(history.entries().get(0).bytesScanned()).isEqualTo(9000);
  }

  @Test
  void malformedRecordsFailWithTheirLine() throws Exception {
    assertThatThrownBy(() -> new QueryHistoryReader().read(write("a.jsonl", "{\"sql\": \"SELECT 1\", \"latency_ms\": 1}\n"
        + "{\"sql\": \"SELECT 1\"}\n"))).isInstanceOf(HistoryFormatException.class)
        .hasMessage("a.jsonl line 2: no latency (expected a field latency_ms or duration_ms)");
    assertThatThrownBy(() -> new QueryHistoryReader().read(write("b.csv", "sql,latency_ms\nSELECT 1,fast\n")))
        .hasMessage("b.csv line 2: latency 'fast' is not a number of milliseconds >= 0");
    assertThatThrownBy(() -> new QueryHistoryReader().read(write("c.csv", "query,ms\nSELECT 1,2\n")))
        .hasMessageContaining("no latency");
    assertThatThrownBy(() -> new QueryHistoryReader().read(write("d.csv", "text,latency_ms\nx,2\n")))
        .hasMessage("d.csv line 1: the CSV header names no SQL column (sql or query_text)");
    assertThatThrownBy(() -> new QueryHistoryReader().read(write("e.jsonl", "{\"sql\": \"x\", \"latency_ms\": 1,"
        + " \"timestamp\": \"yesterday\"}"))).hasMessageContaining("timestamp 'yesterday' is neither ISO-8601");
  }

  @Test
  void usageCountsFiltersPerColumnAndMatchesQualifiedNames() {
    QueryHistory history = new QueryHistory("t", java.util.List.of(
        entry("SELECT * FROM cat.db.events WHERE ts >= TIMESTAMP '2024-01-01 00:00:00' AND user_id = 5", 100),
        entry("SELECT * FROM db.events e WHERE e.user_id IN (1, 2)", 50),
        entry("SELECT count(*) FROM events WHERE date_format(ts, 'yyyy-MM-dd') = '2024-01-15'", 30),
        entry("SELECT * FROM db.other WHERE ts > TIMESTAMP '2024-01-01 00:00:00'", 1)));
    TableUsage usage = history.usage("db.events");
    assertThat(usage.queries()).hasSize(3);
    assertThat(usage.filteredColumns()).extracting(TableUsage.ColumnFilters::column).containsExactly("user_id", "ts");
    assertThat(usage.filteredColumns().get(0).equality()).isEqualTo(2);
    assertThat(usage.wrappedFilters()).singleElement().satisfies(w -> {
      assertThat(w.column()).isEqualTo("ts");
      assertThat(w.queries()).isEqualTo(1);
    });
    assertThat(history.usage("db.nothing").queries()).isEmpty();
  }

  private static HistoryEntry entry(String sql, double millis) {
    return new HistoryEntry(null, millis, sql, -1, -1);
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }
}

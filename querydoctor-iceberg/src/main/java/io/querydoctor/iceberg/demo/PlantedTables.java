package io.querydoctor.iceberg.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/** The planted tables of {@link PlantedWarehouse}, one method each; rows from fixed seeds. */
final class PlantedTables {

  static final String[] EVENT_TYPES = {"click", "view", "scroll", "purchase", "signup", "logout"};
  private static final Instant JANUARY = Instant.parse("2024-01-01T00:00:00Z");
  private static final long MONTH_SECONDS = 31L * 86_400;
  static final long EVENTS_TARGET_BYTES = 256 * 1024;

  private final Catalog catalog;
  private final String namespace;

  PlantedTables(Catalog catalog, String namespace) {
    this.catalog = catalog;
    this.namespace = namespace;
  }

  /** Small, unsorted files of an unpartitioned table queried by time range and by user id. */
  void events() {
    Schema schema = new Schema(
        Types.NestedField.required(1, "event_id", Types.LongType.get()),
        Types.NestedField.required(2, "ts", Types.TimestampType.withZone()),
        Types.NestedField.required(3, "user_id", Types.LongType.get()),
        Types.NestedField.optional(4, "session_id", Types.StringType.get()),
        Types.NestedField.optional(5, "event_type", Types.StringType.get()));
    // The warehouse is scaled down (a few hundred kB per table), so is this table's target file size: a month of
    // events fills one file, a day a partition worth having.
    Table table = create("events", schema, PartitionSpec.unpartitioned(),
        Map.of("write.target-file-size-bytes", Long.toString(EVENTS_TARGET_BYTES)));
    TableWriter writer = new TableWriter(table);
    Random random = new Random(31);
    AppendFiles append = table.newAppend();
    long id = 0;
    for (int file = 0; file < 40; file++) {
      List<Record> rows = new ArrayList<>();
      for (int row = 0; row < 200; row++) {
        Record r = GenericRecord.create(schema);
        r.setField("event_id", id++);
        r.setField("ts", at(JANUARY.plusSeconds((long) (random.nextDouble() * MONTH_SECONDS))));
        r.setField("user_id", 1 + (long) random.nextInt(100_000));
        r.setField("session_id", "s-" + Long.toHexString(random.nextLong()));
        r.setField("event_type", EVENT_TYPES[random.nextInt(EVENT_TYPES.length)]);
        rows.add(r);
      }
      append.appendFile(writer.dataFile(rows));
    }
    append.commit();
  }

  /**
   * 110 fast appends (a streaming writer committing every few seconds, with manifest merging off), 12 commits of
   * position deletes, and an old writer that stored its checkpoint state in the summaries of the first snapshots.
   */
  void sessions() {
    Schema schema = new Schema(
        Types.NestedField.required(1, "session_id", Types.StringType.get()),
        Types.NestedField.required(2, "user_id", Types.LongType.get()),
        Types.NestedField.required(3, "started_at", Types.TimestampType.withZone()),
        Types.NestedField.optional(4, "duration_ms", Types.LongType.get()));
    // A streaming writer that turned manifest merging off, as low-latency writers do.
    Table table = create("sessions", schema, PartitionSpec.unpartitioned(),
        Map.of("format-version", "2", "commit.manifest-merge.enabled", "false"));
    TableWriter writer = new TableWriter(table);
    Random random = new Random(7);
    List<List<Record>> batches = new ArrayList<>();
    for (int commit = 0; commit < 110; commit++) {
      List<Record> rows = new ArrayList<>();
      for (int row = 0; row < 20; row++) {
        Record r = GenericRecord.create(schema);
        r.setField("session_id", "s-" + commit + "-" + row);
        r.setField("user_id", 1 + (long) random.nextInt(100_000));
        r.setField("started_at", at(JANUARY.plusSeconds(commit * 60L + row)));
        r.setField("duration_ms", (long) random.nextInt(600_000));
        rows.add(r);
      }
      batches.add(rows);
    }
    // The files are independent: write them on two threads; the commits stay one after the other.
    List<DataFile> written = batches.parallelStream().map(writer::dataFile).toList();
    // One snapshot and one manifest per commit, as 122 commits would leave them; in one transaction, the
    // catalog and the (large) metadata JSON are written once instead of 122 times.
    // The first appends come from an old writer version that stored its checkpoint state in the snapshot
    // summary: the metadata JSON carries it until those snapshots are expired.
    String checkpointState = "x".repeat(600 * 1024);
    org.apache.iceberg.Transaction transaction = table.newTransaction();
    for (int i = 0; i < written.size(); i++) {
      AppendFiles append = transaction.newFastAppend().appendFile(written.get(i));
      if (i < 8) {
        append.set("writer.checkpoint-state", checkpointState + i);
      }
      append.commit();
    }
    for (int commit = 0; commit < 12; commit++) {
      transaction.newRowDelta().addDeletes(writer.positionDeletes(written.get(commit * 3), 0, 1, 2, 3)).commit();
    }
    transaction.commitTransaction();
  }

  /** Hour partitions of a few KB each: two days of page views. */
  void pageViewsHourly() {
    Schema schema = new Schema(
        Types.NestedField.required(1, "view_ts", Types.TimestampType.withZone()),
        Types.NestedField.required(2, "page", Types.StringType.get()),
        Types.NestedField.required(3, "views", Types.LongType.get()));
    PartitionSpec spec = PartitionSpec.builderFor(schema).hour("view_ts").build();
    Table table = create("page_views_hourly", schema, spec, Map.of());
    TableWriter writer = new TableWriter(table);
    AppendFiles append = table.newAppend();
    for (int hour = 0; hour < 48; hour++) {
      List<Record> rows = new ArrayList<>();
      for (int page = 0; page < 10; page++) {
        Record r = GenericRecord.create(schema);
        r.setField("view_ts", at(JANUARY.plusSeconds(hour * 3_600L + page)));
        r.setField("page", "/page/" + page);
        r.setField("views", (long) (hour * 10 + page));
        rows.add(r);
      }
      append.appendFile(writer.dataFile(rows));
    }
    append.commit();
  }

  /** The healthy control: month partitions, four files each clustered by region, at the table's target size. */
  void dailyTotals() {
    Schema schema = new Schema(
        Types.NestedField.required(1, "event_date", Types.DateType.get()),
        Types.NestedField.required(2, "region", Types.StringType.get()),
        Types.NestedField.required(3, "events", Types.LongType.get()));
    PartitionSpec spec = PartitionSpec.builderFor(schema).month("event_date").build();
    Table table = create("daily_totals", schema, spec, Map.of());
    table.replaceSortOrder().asc("region").asc("event_date").commit();
    TableWriter writer = new TableWriter(table);
    AppendFiles append = table.newAppend();
    String[] areas = {"ap", "eu", "sa", "us"};
    long largest = 0;
    for (int month = 0; month < 3; month++) {
      LocalDate first = LocalDate.of(2024, 1 + month, 1);
      for (String area : areas) {
        List<Record> rows = new ArrayList<>();
        for (int sub = 0; sub < 5; sub++) {
          for (int day = 0; day < 28; day++) {
            Record r = GenericRecord.create(schema);
            r.setField("event_date", first.plusDays(day));
            r.setField("region", area + "-" + sub);
            r.setField("events", (long) (day * 100 + sub));
            rows.add(r);
          }
        }
        DataFile file = writer.dataFile(rows);
        largest = Math.max(largest, file.fileSizeInBytes());
        append.appendFile(file);
      }
    }
    append.commit();
    // The table's declared target is the size its writer produces: its files are full.
    table.updateProperties().set("write.target-file-size-bytes", Long.toString(largest)).commit();
  }

  private Table create(String name, Schema schema, PartitionSpec spec, Map<String, String> properties) {
    return catalog.createTable(TableIdentifier.of(namespace, name), schema, spec, properties);
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

}

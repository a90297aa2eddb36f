package io.querydoctor.iceberg.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.PositionDelete;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * Writes real Parquet data and position-delete files into a table with the Iceberg Java API
 * ({@code GenericFileWriterFactory}), one file per call; the caller commits them. For the demo warehouse and the
 * tests: QueryDoctor itself never writes to a user's table.
 */
public final class TableWriter {

  private final Table table;
  private final GenericFileWriterFactory writers;
  private final OutputFileFactory files;
  private final InternalRecordWrapper wrapper;

  public TableWriter(Table table) {
    this.table = table;
    this.writers = new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET)
        .deleteFileFormat(FileFormat.PARQUET).build();
    this.files = OutputFileFactory.builderFor(table, 1, 1).format(FileFormat.PARQUET).build();
    this.wrapper = new InternalRecordWrapper(table.schema().asStruct());
  }

  /** One data file holding {@code records}, all of one partition (the first record's). */
  public DataFile dataFile(List<Record> records) {
    PartitionKey partition = null;
    if (!table.spec().isUnpartitioned()) {
      partition = new PartitionKey(table.spec(), table.schema());
      partition.partition(wrapper.wrap(records.get(0)));
    }
    DataWriter<Record> writer = writers.newDataWriter(
        partition == null ? files.newOutputFile() : files.newOutputFile(table.spec(), partition), table.spec(),
        partition);
    try (writer) {
      records.forEach(writer::write);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return writer.toDataFile();
  }

  /** A position-delete file deleting rows {@code positions} of {@code file} (an unpartitioned table's). */
  public DeleteFile positionDeletes(DataFile file, long... positions) {
    PositionDeleteWriter<Record> writer = writers.newPositionDeleteWriter(files.newOutputFile(), table.spec(), null);
    PositionDelete<Record> delete = PositionDelete.create();
    try (writer) {
      for (long position : positions) {
        writer.write(delete.set(file.location(), position));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return writer.toDeleteFile();
  }
}

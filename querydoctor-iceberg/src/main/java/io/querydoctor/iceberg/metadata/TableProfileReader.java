package io.querydoctor.iceberg.metadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SortField;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Reads a {@link TableProfile} from a table's metadata: the metadata JSON (schema, spec, sort order, properties,
 * snapshots), the current snapshot's manifest list and manifests (data and delete files with sizes, record
 * counts, partitions and column bounds). Data files are never opened: planning a scan reads manifests only.
 */
public final class TableProfileReader {

  /** Reads {@code table}, named {@code name} ({@code namespace.table}) in the report. */
  public TableProfile read(String name, Table table) {
    TableMetadata metadata = table instanceof HasTableOperations ops ? ops.operations().current() : null;
    Schema schema = table.schema();
    List<DataFileStats> dataFiles = new ArrayList<>();
    Map<String, DeleteFileStats> deleteFiles = new LinkedHashMap<>();
    Snapshot current = table.currentSnapshot();
    int manifests = 0;
    long manifestBytes = 0;
    if (current != null) {
      readFiles(table, schema, dataFiles, deleteFiles);
      for (ManifestFile manifest : current.allManifests(table.io())) {
        manifests++;
        manifestBytes += manifest.length();
      }
    }
    int snapshots = 0;
    long oldest = Long.MAX_VALUE;
    for (Snapshot snapshot : table.snapshots()) {
      snapshots++;
      oldest = Math.min(oldest, snapshot.timestampMillis());
    }
    return new TableProfile(name, metadata == null ? 0 : metadata.formatVersion(), table.properties(),
        columns(schema), partitionFields(table.spec(), schema), sortColumns(table, schema), dataFiles,
        List.copyOf(deleteFiles.values()), snapshots, snapshots == 0 ? 0 : oldest, manifests, manifestBytes,
        metadata == null ? 0 : metadataJsonBytes(table, metadata),
        metadata == null ? 0 : metadata.previousFiles().size());
  }

  private static void readFiles(Table table, Schema schema, List<DataFileStats> dataFiles,
      Map<String, DeleteFileStats> deleteFiles) {
    try (CloseableIterable<FileScanTask> tasks = table.newScan().includeColumnStats().planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile file = task.file();
        PartitionSpec spec = table.specs().get(file.specId());
        String partition = spec == null || spec.isUnpartitioned() ? "" : spec.partitionToPath(file.partition());
        dataFiles.add(new DataFileStats(file.location(), partition, file.fileSizeInBytes(), file.recordCount(),
            bounds(schema, file), task.deletes().size()));
        for (DeleteFile delete : task.deletes()) {
          deleteFiles.putIfAbsent(delete.location(), new DeleteFileStats(delete.location(),
              delete.content() == FileContent.POSITION_DELETES, delete.fileSizeInBytes(), delete.recordCount()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifests of " + table.name() + ": " + e.getMessage(), e);
    }
  }

  /** Bounds of the top-level primitive columns, decoded to comparable Java values. */
  @SuppressWarnings("unchecked")
  private static Map<String, ColumnBounds> bounds(Schema schema, DataFile file) {
    Map<Integer, ByteBuffer> lower = file.lowerBounds();
    Map<Integer, ByteBuffer> upper = file.upperBounds();
    if (lower == null || upper == null) {
      return Map.of();
    }
    Map<String, ColumnBounds> bounds = new HashMap<>();
    for (Types.NestedField field : schema.columns()) {
      Type type = field.type();
      ByteBuffer low = lower.get(field.fieldId());
      ByteBuffer high = upper.get(field.fieldId());
      if (!type.isPrimitiveType() || low == null || high == null) {
        continue;
      }
      Object lowValue = Conversions.fromByteBuffer(type, low);
      Object highValue = Conversions.fromByteBuffer(type, high);
      if (lowValue instanceof Comparable<?> && highValue instanceof Comparable<?>) {
        bounds.put(field.name(), new ColumnBounds(comparable(lowValue), comparable(highValue)));
      }
    }
    return bounds;
  }

  /** Strings come back as CharSequence (a Utf8 or a CharBuffer): compare them as Strings. */
  @SuppressWarnings("unchecked")
  private static Comparable<Object> comparable(Object value) {
    Object plain = value instanceof CharSequence text ? text.toString() : value;
    return (Comparable<Object>) plain;
  }

  private static List<ColumnInfo> columns(Schema schema) {
    return schema.columns().stream().map(f -> new ColumnInfo(f.name(), f.type().toString())).toList();
  }

  private static List<PartitionField> partitionFields(PartitionSpec spec, Schema schema) {
    return spec.fields().stream()
        .map(f -> new PartitionField(f.name(), schema.findColumnName(f.sourceId()), f.transform().toString()))
        .filter(f -> f.sourceColumn() != null && !f.transform().equals("void"))
        .toList();
  }

  private static List<String> sortColumns(Table table, Schema schema) {
    List<String> columns = new ArrayList<>();
    for (SortField field : table.sortOrder().fields()) {
      String column = schema.findColumnName(field.sourceId());
      if (column != null) {
        columns.add(column);
      }
    }
    return columns;
  }

  private static long metadataJsonBytes(Table table, TableMetadata metadata) {
    String location = metadata.metadataFileLocation();
    return location == null ? 0 : table.io().newInputFile(location).getLength();
  }
}

package io.querydoctor.iceberg.metadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the rules know about one Iceberg table: read from its metadata (metadata JSON, manifest lists,
 * manifests), never from its data files. Immutable.
 *
 * @param name the table as {@code namespace.table}
 * @param formatVersion the table format version (1, 2, 3)
 * @param properties the table properties
 * @param columns the current schema's top-level columns
 * @param partitionFields the current partition spec; empty when unpartitioned
 * @param sortColumns the columns of the table's declared sort order, first key first; empty when unsorted
 * @param dataFiles the live data files of the current snapshot
 * @param deleteFiles the live delete files of the current snapshot
 * @param snapshots the table's snapshots still in its metadata (not expired)
 * @param oldestSnapshotMillis when the oldest of them was committed, epoch millis, or 0 without snapshots
 * @param manifests data and delete manifests of the current snapshot
 * @param manifestBytes their total size
 * @param metadataJsonBytes the size of the current metadata JSON file
 * @param previousMetadataFiles entries of the metadata log (older metadata JSON files still referenced)
 */
public record TableProfile(
    String name,
    int formatVersion,
    Map<String, String> properties,
    List<ColumnInfo> columns,
    List<PartitionField> partitionFields,
    List<String> sortColumns,
    List<DataFileStats> dataFiles,
    List<DeleteFileStats> deleteFiles,
    int snapshots,
    long oldestSnapshotMillis,
    int manifests,
    long manifestBytes,
    long metadataJsonBytes,
    int previousMetadataFiles) {

  /** Iceberg's default {@code write.target-file-size-bytes}: 512 MB. */
  public static final long DEFAULT_TARGET_FILE_SIZE_BYTES = 512L * 1024 * 1024;

  /** Iceberg's default {@code commit.manifest.target-size-bytes}: 8 MB. */
  public static final long DEFAULT_MANIFEST_TARGET_BYTES = 8L * 1024 * 1024;

  public TableProfile {
    properties = Map.copyOf(properties);
    columns = List.copyOf(columns);
    partitionFields = List.copyOf(partitionFields);
    sortColumns = List.copyOf(sortColumns);
    dataFiles = List.copyOf(dataFiles);
    deleteFiles = List.copyOf(deleteFiles);
  }

  /** The table's target data file size: {@code write.target-file-size-bytes}, else Iceberg's 512 MB. */
  public long targetFileSizeBytes() {
    return longProperty("write.target-file-size-bytes", DEFAULT_TARGET_FILE_SIZE_BYTES);
  }

  /** A numeric table property, or {@code fallback} when it is absent or not a number. */
  public long longProperty(String key, long fallback) {
    String value = properties.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  public Optional<ColumnInfo> column(String name) {
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
  }

  /** The partition fields derived from {@code column}. */
  public List<PartitionField> partitionFieldsOf(String column) {
    return partitionFields.stream().filter(f -> f.sourceColumn().equalsIgnoreCase(column)).toList();
  }

  /** The data files per partition path, in the order first seen. */
  public Map<String, List<DataFileStats>> filesByPartition() {
    Map<String, List<DataFileStats>> byPartition = new LinkedHashMap<>();
    for (DataFileStats file : dataFiles) {
      byPartition.computeIfAbsent(file.partition(), p -> new ArrayList<>()).add(file);
    }
    return byPartition;
  }

  public long dataBytes() {
    return dataFiles.stream().mapToLong(DataFileStats::sizeBytes).sum();
  }

  public long records() {
    return dataFiles.stream().mapToLong(DataFileStats::records).sum();
  }

  /** The last part of the name: what queries usually call the table. */
  public String simpleName() {
    return name.substring(name.lastIndexOf('.') + 1);
  }
}

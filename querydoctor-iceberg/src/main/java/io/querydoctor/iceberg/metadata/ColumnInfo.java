package io.querydoctor.iceberg.metadata;

/**
 * A top-level column of a table's current schema.
 *
 * @param name the column name as the schema spells it
 * @param type Iceberg's type name: {@code timestamptz}, {@code timestamp}, {@code date}, {@code string},
 *     {@code long}, …
 */
public record ColumnInfo(String name, String type) {

  /** Time columns are the ones a day/hour partition or a time range filter applies to. */
  public boolean isTemporal() {
    return type.startsWith("timestamp") || type.equals("date");
  }
}

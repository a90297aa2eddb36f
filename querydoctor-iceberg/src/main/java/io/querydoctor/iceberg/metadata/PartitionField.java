package io.querydoctor.iceberg.metadata;

/**
 * One field of the table's current partition spec.
 *
 * @param name the partition field's name ({@code ts_day})
 * @param sourceColumn the column it is derived from
 * @param transform Iceberg's transform name: {@code identity}, {@code day}, {@code hour}, {@code month},
 *     {@code year}, {@code bucket[16]}, {@code truncate[4]}
 */
public record PartitionField(String name, String sourceColumn, String transform) {

  public boolean isIdentity() {
    return transform.equals("identity");
  }
}

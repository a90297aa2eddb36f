package io.querydoctor.iceberg.rules;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fixes as Spark SQL runs them with Iceberg's extensions: the maintenance procedures
 * ({@code CALL <catalog>.system.…}) and the DDL ({@code ALTER TABLE … ADD PARTITION FIELD}, {@code SET
 * TBLPROPERTIES}, {@code WRITE ORDERED BY}), with the table's real names so they paste as they are.
 * Identifiers that are not plain lower-case names are quoted with backticks.
 *
 * @param catalog the catalog's name as Spark knows it ({@code spark.sql.catalog.<name>})
 */
public record SparkSql(String catalog) {

  private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[a-z_][a-z0-9_]*");

  /** The table as a procedure argument: {@code 'ns.table'}. */
  public String tableArgument(String table) {
    return "'" + table.replace("'", "''") + "'";
  }

  /** The table as a Spark identifier: {@code catalog.ns.table}. */
  public String qualified(String table) {
    StringBuilder name = new StringBuilder(identifier(catalog));
    for (String part : table.split("\\.")) {
      name.append('.').append(identifier(part));
    }
    return name.toString();
  }

  public String rewriteDataFiles(String table, long targetFileSizeBytes) {
    return call("rewrite_data_files", "table => " + tableArgument(table),
        "options => map('target-file-size-bytes', '" + targetFileSizeBytes + "')");
  }

  /** A sort rewrite: files rewritten in {@code sortColumns} order, so each file holds a narrow range of them. */
  public String rewriteDataFilesSorted(String table, List<String> sortColumns, long targetFileSizeBytes) {
    String order = sortColumns.stream().map(c -> identifier(c) + " ASC NULLS LAST").collect(Collectors.joining(", "));
    return call("rewrite_data_files", "table => " + tableArgument(table), "strategy => 'sort'",
        "sort_order => '" + order + "'",
        "options => map('rewrite-all', 'true', 'target-file-size-bytes', '" + targetFileSizeBytes + "')");
  }

  /** Rewrites every data file, whatever its size (so that a new write property such as a bloom filter applies). */
  public String rewriteAllDataFiles(String table, long targetFileSizeBytes) {
    return call("rewrite_data_files", "table => " + tableArgument(table),
        "options => map('rewrite-all', 'true', 'target-file-size-bytes', '" + targetFileSizeBytes + "')");
  }

  /** Rewrites the data files that carry delete files, applying the deletes (merge-on-read becomes plain). */
  public String rewriteDataFilesApplyingDeletes(String table) {
    return call("rewrite_data_files", "table => " + tableArgument(table),
        "options => map('delete-file-threshold', '1')");
  }

  public String rewritePositionDeleteFiles(String table) {
    return call("rewrite_position_delete_files", "table => " + tableArgument(table));
  }

  public String rewriteManifests(String table) {
    return call("rewrite_manifests", "table => " + tableArgument(table));
  }

  public String expireSnapshots(String table, String olderThanTimestamp, int retainLast) {
    return call("expire_snapshots", "table => " + tableArgument(table),
        "older_than => TIMESTAMP '" + olderThanTimestamp + "'", "retain_last => " + retainLast);
  }

  public String addPartitionField(String table, String transformExpression) {
    return "ALTER TABLE " + qualified(table) + " ADD PARTITION FIELD " + transformExpression + ";";
  }

  public String replacePartitionField(String table, String oldField, String transformExpression) {
    return "ALTER TABLE " + qualified(table) + " REPLACE PARTITION FIELD " + oldField + " WITH "
        + transformExpression + ";";
  }

  public String writeOrderedBy(String table, List<String> columns) {
    return "ALTER TABLE " + qualified(table) + " WRITE ORDERED BY "
        + columns.stream().map(SparkSql::identifier).collect(Collectors.joining(", ")) + ";";
  }

  public String setProperties(String table, Map<String, String> properties) {
    String pairs = properties.entrySet().stream()
        .map(e -> "'" + e.getKey() + "' = '" + e.getValue().replace("'", "''") + "'")
        .collect(Collectors.joining(", "));
    return "ALTER TABLE " + qualified(table) + " SET TBLPROPERTIES (" + pairs + ");";
  }

  /** {@code days(ts)}, {@code hours(ts)}, {@code months(ts)} for a time column. */
  public static String transform(String function, String column) {
    return function + "(" + identifier(column) + ")";
  }

  static String identifier(String name) {
    return PLAIN.matcher(name).matches() ? name : "`" + name.replace("`", "``") + "`";
  }

  private String call(String procedure, String... arguments) {
    return "CALL " + identifier(catalog) + ".system." + procedure + "(" + String.join(", ", arguments) + ");";
  }
}

package io.querydoctor.remedies.write.bench;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A table's columns (types, NOT NULLs, which are unique or generated) read through {@link DatabaseMetaData}, so
 * that it works for any engine whose driver fills the catalog in.
 *
 * @param schema the schema the table is in
 * @param table the table's name as the catalog spells it
 * @param columns its columns in their order
 */
public record TableShape(String schema, String table, List<ColumnShape> columns) {

  /**
   * The shape of {@code name} ({@code table} or {@code schema.table}; unquoted names are matched as the catalog
   * spells them, then lower-cased); empty columns when no such table is visible.
   */
  public static TableShape read(DatabaseMetaData catalog, String name) throws SQLException {
    String schema = name.contains(".") ? name.substring(0, name.indexOf('.')) : null;
    String table = name.contains(".") ? name.substring(name.indexOf('.') + 1) : name;
    TableShape shape = read(catalog, schema, table);
    if (shape.columns().isEmpty() && !table.equals(table.toLowerCase(java.util.Locale.ROOT))) {
      shape = read(catalog, schema == null ? null : schema.toLowerCase(java.util.Locale.ROOT),
          table.toLowerCase(java.util.Locale.ROOT));
    }
    return shape;
  }

  private static TableShape read(DatabaseMetaData catalog, String schema, String table) throws SQLException {
    String product = catalog.getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
    if (product.contains("mysql") || product.contains("mariadb")) {
      // Databases are JDBC catalogs there; a null catalog may mean every database on the server.
      return readDatabase(catalog, schema != null ? schema : catalog.getConnection().getCatalog(), table);
    }
    String foundSchema = schema;
    List<String[]> raw = new ArrayList<>();
    try (ResultSet rs = catalog.getColumns(null, schema, table, null)) {
      while (rs.next()) {
        if (foundSchema == null) {
          foundSchema = rs.getString("TABLE_SCHEM");
        } else if (!foundSchema.equals(rs.getString("TABLE_SCHEM"))) {
          continue; // the same name in a schema later on the search path
        }
        raw.add(new String[] {rs.getString("COLUMN_NAME"), Integer.toString(rs.getInt("DATA_TYPE")),
            rs.getString("TYPE_NAME"), Integer.toString(rs.getInt("COLUMN_SIZE")),
            Integer.toString(rs.getInt("DECIMAL_DIGITS")), rs.getString("IS_NULLABLE"),
            rs.getString("IS_GENERATEDCOLUMN")});
      }
    }
    Set<String> unique = foundSchema == null ? Set.of() : uniqueColumns(catalog, foundSchema, table);
    List<ColumnShape> columns = new ArrayList<>();
    for (String[] c : raw) {
      columns.add(new ColumnShape(c[0], Integer.parseInt(c[1]), c[2], Integer.parseInt(c[3]),
          Integer.parseInt(c[4]), !"NO".equals(c[5]), "YES".equals(c[6]), unique.contains(c[0])));
    }
    return new TableShape(foundSchema, table, columns);
  }

  /** MySQL/MariaDB: the table in database {@code database}, which the record holds as its schema. */
  private static TableShape readDatabase(DatabaseMetaData catalog, String database, String table)
      throws SQLException {
    List<ColumnShape> columns = new ArrayList<>();
    Set<String> unique = new HashSet<>();
    try (ResultSet rs = catalog.getPrimaryKeys(database, null, table)) {
      while (rs.next()) {
        unique.add(rs.getString("COLUMN_NAME"));
      }
    }
    try (ResultSet rs = catalog.getIndexInfo(database, null, table, true, true)) {
      while (rs.next()) {
        if (rs.getString("COLUMN_NAME") != null) {
          unique.add(rs.getString("COLUMN_NAME"));
        }
      }
    }
    try (ResultSet rs = catalog.getColumns(database, null, table, null)) {
      while (rs.next()) {
        String name = rs.getString("COLUMN_NAME");
        columns.add(new ColumnShape(name, rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
            rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"), !"NO".equals(rs.getString("IS_NULLABLE")),
            "YES".equals(rs.getString("IS_GENERATEDCOLUMN")), unique.contains(name)));
      }
    }
    return new TableShape(database, table, columns);
  }

  /** Columns of the primary key and of every unique index. */
  private static Set<String> uniqueColumns(DatabaseMetaData catalog, String schema, String table)
      throws SQLException {
    Set<String> unique = new HashSet<>();
    try (ResultSet rs = catalog.getPrimaryKeys(null, schema, table)) {
      while (rs.next()) {
        unique.add(rs.getString("COLUMN_NAME"));
      }
    }
    try (ResultSet rs = catalog.getIndexInfo(null, schema, table, true, true)) {
      while (rs.next()) {
        if (rs.getString("COLUMN_NAME") != null) {
          unique.add(rs.getString("COLUMN_NAME"));
        }
      }
    }
    return unique;
  }

  /** The columns a writer gives values for: all but the generated ones. */
  public List<ColumnShape> writable() {
    return columns.stream().filter(c -> !c.generated()).toList();
  }
}

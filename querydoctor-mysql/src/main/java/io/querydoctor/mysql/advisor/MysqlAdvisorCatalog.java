package io.querydoctor.mysql.advisor;

import io.querydoctor.core.advisor.ExistingIndex;
import io.querydoctor.core.advisor.IndexMethod;
import io.querydoctor.core.advisor.SortKey;
import io.querydoctor.core.advisor.TableColumns;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the advisor needs to know about the sandbox's tables, from {@code information_schema} (reads only): columns,
 * sizes and B-tree indexes. Table names are lower case, as the parser gives them.
 */
final class MysqlAdvisorCatalog {

  private final Map<String, Long> tableBytes = new HashMap<>();
  private final Map<String, String> tableNames = new HashMap<>();
  private final Set<String> columns = new HashSet<>();
  /** Data type by column name, of the first table that has one so named: enough to type a sample value. */
  private final Map<String, String> columnTypes = new HashMap<>();
  private final Map<String, List<ExistingIndex>> indexes = new HashMap<>();

  MysqlAdvisorCatalog(SandboxDatabase sandbox) throws SQLException {
    String db = sandbox.database();
    query(sandbox, "SELECT table_name, data_length + index_length FROM information_schema.tables WHERE table_schema = ? "
        + "AND table_type = 'BASE TABLE'", db, rs -> {
          tableBytes.put(lower(rs.getString(1)), rs.getLong(2));
          tableNames.put(lower(rs.getString(1)), rs.getString(1));
        });
    query(sandbox, "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = ?",
        db, rs -> {
          columns.add(lower(rs.getString(1)) + "." + lower(rs.getString(2)));
          columnTypes.putIfAbsent(lower(rs.getString(2)), lower(rs.getString(3)));
        });
    Map<String, List<SortKey>> keys = new LinkedHashMap<>();
    Map<String, Boolean> unique = new HashMap<>();
    query(sandbox, "SELECT table_name, index_name, column_name, non_unique, collation FROM information_schema.statistics "
        + "WHERE table_schema = ? AND index_type = 'BTREE' ORDER BY table_name, index_name, seq_in_index", db, rs -> {
          String id = lower(rs.getString(1)) + "\u0000" + rs.getString(2);
          keys.computeIfAbsent(id, k -> new ArrayList<>()).add(new SortKey(lower(rs.getString(3)),
              "D".equals(rs.getString(5))));
          unique.put(id, rs.getInt(4) == 0);
        });
    keys.forEach((id, k) -> {
      String table = id.substring(0, id.indexOf('\u0000'));
      String name = id.substring(id.indexOf('\u0000') + 1);
      indexes.computeIfAbsent(table, t -> new ArrayList<>()).add(new ExistingIndex(name, table, IndexMethod.BTREE, k,
          false, unique.get(id), 0));
    });
  }

  private interface RowHandler {
    void handle(ResultSet rs) throws SQLException;
  }

  private static void query(SandboxDatabase sandbox, String sql, String db, RowHandler handler) throws SQLException {
    try (PreparedStatement ps = sandbox.connection().prepareStatement(sql)) {
      ps.setString(1, db);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          handler.handle(rs);
        }
      }
    }
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  boolean hasTable(String table) {
    return tableBytes.containsKey(table);
  }

  /** The table's name as the server spells it (case matters on Linux). */
  String tableName(String table) {
    return tableNames.getOrDefault(table, table);
  }

  long sizeBytes(String table) {
    return tableBytes.getOrDefault(table, 0L);
  }

  List<ExistingIndex> indexes(String table) {
    return indexes.getOrDefault(table, List.of());
  }

  /** The data type ({@code int}, {@code varchar}, …) of a column of that lower-case name, or {@code null}. */
  String columnType(String column) {
    return columnTypes.get(column);
  }

  TableColumns columns() {
    return (table, column) -> columns.contains(table + "." + column);
  }
}

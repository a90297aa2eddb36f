package io.querydoctor.postgres.advisor;

import io.querydoctor.core.advisor.ExistingIndex;
import io.querydoctor.core.advisor.IndexMethod;
import io.querydoctor.core.advisor.SortKey;
import io.querydoctor.core.advisor.TableColumns;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the advisor reads from the catalog, read-only: the columns of the tables the search path sees (to
 * resolve unqualified columns), and for each table the workload names, its qualified name, size and indexes.
 */
final class PgAdvisorCatalog {

  private static final String COLUMNS = """
      SELECT c.relname, a.attname
      FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE c.relkind IN ('r', 'p', 'm', 'v') AND pg_table_is_visible(c.oid) AND a.attnum > 0 AND NOT a.attisdropped
        AND c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
      """;

  private static final String TABLE = """
      SELECT n.nspname || '.' || c.relname, pg_table_size(c.oid)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.oid = to_regclass(?) AND c.relkind IN ('r', 'p', 'm')
      """;

  private static final String INDEXES = """
      SELECT n.nspname || '.' || ic.relname, am.amname, i.indisunique OR i.indisprimary, i.indpred IS NOT NULL,
             pg_relation_size(i.indexrelid),
             array(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k ORDER BY k),
             array(SELECT (i.indoption[k - 1] & 1) = 1 FROM generate_series(1, i.indnkeyatts) k ORDER BY k)
      FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
      JOIN pg_am am ON am.oid = ic.relam
      WHERE i.indrelid = to_regclass(?)
      """;

  private static final String VIEW = """
      SELECT pg_get_viewdef(c.oid) FROM pg_class c WHERE c.oid = to_regclass(?) AND c.relkind = 'v'
      """;

  /** A table the workload names, resolved. */
  record Table(String qualifiedName, long sizeBytes) {}

  private final SafeExecutor executor;
  private final Map<String, Optional<String>> views = new HashMap<>();

  PgAdvisorCatalog(SafeExecutor executor) {
    this.executor = executor;
  }

  TableColumns columns() throws SQLException {
    Map<String, Set<String>> columns = new HashMap<>();
    for (String[] row : executor.query(COLUMNS, rs -> new String[] {rs.getString(1), rs.getString(2)})) {
      columns.computeIfAbsent(row[0], t -> new HashSet<>()).add(row[1]);
    }
    return (table, column) -> columns.getOrDefault(unqualified(table), Set.of()).contains(column);
  }

  Optional<Table> table(String name) throws SQLException {
    List<Table> found = executor.query(TABLE, rs -> new Table(rs.getString(1), rs.getLong(2)), name);
    return found.stream().findFirst();
  }

  /**
   * The SELECT a plain view stands for, or empty when {@code name} is not a view; read once per name (every
   * statement of the workload that reads it asks again).
   */
  Optional<String> viewDefinition(String name) throws SQLException {
    Optional<String> known = views.get(name);
    if (known == null) {
      known = executor.query(VIEW, rs -> rs.getString(1), name).stream().findFirst()
          .map(sql -> sql.strip().replaceAll(";$", ""));
      views.put(name, known);
    }
    return known;
  }

  List<ExistingIndex> indexes(String table) throws SQLException {
    return executor.query(INDEXES, rs -> {
      String[] keys = (String[]) rs.getArray(6).getArray();
      Boolean[] descending = (Boolean[]) rs.getArray(7).getArray();
      List<SortKey> sortKeys = new ArrayList<>();
      for (int k = 0; k < keys.length; k++) {
        sortKeys.add(new SortKey(keys[k], Boolean.TRUE.equals(descending[k])));
      }
      return new ExistingIndex(rs.getString(1), table, method(rs.getString(2)), sortKeys, rs.getBoolean(4),
          rs.getBoolean(3), rs.getLong(5));
    }, table);
  }

  private static IndexMethod method(String am) {
    return switch (am) {
      case "btree" -> IndexMethod.BTREE;
      case "gin" -> IndexMethod.GIN;
      default -> null;
    };
  }

  private static String unqualified(String table) {
    int dot = table.lastIndexOf('.');
    return (dot < 0 ? table : table.substring(dot + 1)).toLowerCase(Locale.ROOT);
  }
}

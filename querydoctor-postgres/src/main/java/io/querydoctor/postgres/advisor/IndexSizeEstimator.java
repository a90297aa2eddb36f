package io.querydoctor.postgres.advisor;

import io.querydoctor.core.advisor.IndexCandidate;
import io.querydoctor.core.advisor.IndexMethod;
import io.querydoctor.core.advisor.SortKey;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The size a B-tree index would take when built, from the table's statistics ({@code pg_class.reltuples},
 * {@code pg_stats}, the columns' types) and {@link BtreeSizeModel}: unlike HypoPG's estimate, it counts B-tree
 * deduplication (PostgreSQL 13+). Reads only, through the {@link SafeExecutor}; one table's statistics are read
 * once. Where the model does not apply (GIN, expressions, partial indexes, a table never analyzed) it has no
 * estimate and the caller keeps its own. Not thread-safe.
 */
public final class IndexSizeEstimator {

  /** Types whose B-tree opclass has no "equal image" support: never deduplicated (PostgreSQL's docs, btree). */
  private static final Set<String> NOT_DEDUPLICATED = Set.of("numeric", "float4", "float8", "jsonb", "money");

  private final SafeExecutor executor;
  private final Map<String, TableStatistics> tables = new HashMap<>();
  private Integer major;

  public IndexSizeEstimator(SafeExecutor executor) {
    this.executor = executor;
  }

  /** The table's row count and each analyzed column's statistics, by lower-case column name. */
  private record TableStatistics(double rows, Map<String, BtreeSizeModel.Column> columns) {}

  /** The estimate for a candidate, or empty where the model does not apply. */
  public OptionalLong bytes(IndexCandidate index) throws SQLException {
    if (index.method() != IndexMethod.BTREE || index.predicate() != null) {
      return OptionalLong.empty();
    }
    List<String> keys = new ArrayList<>();
    for (SortKey key : index.keys()) {
      keys.add(key.expression());
    }
    return bytes(index.table(), keys, index.include(), false);
  }

  /**
   * The estimate for a B-tree on {@code table} ({@code keys}, then {@code include} columns; {@code unique}: no
   * deduplication), or empty when a name is not a plain analyzed column or the table has no statistics.
   */
  public OptionalLong bytes(String table, List<String> keys, List<String> include, boolean unique)
      throws SQLException {
    TableStatistics statistics = statistics(table);
    if (statistics == null) {
      return OptionalLong.empty();
    }
    List<BtreeSizeModel.Column> keyColumns = columns(statistics, keys);
    List<BtreeSizeModel.Column> includeColumns = columns(statistics, include);
    if (keyColumns == null || includeColumns == null) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(BtreeSizeModel.bytes(statistics.rows(), keyColumns, includeColumns,
        !unique && major() >= 13));
  }

  private static List<BtreeSizeModel.Column> columns(TableStatistics statistics, List<String> names) {
    List<BtreeSizeModel.Column> columns = new ArrayList<>();
    for (String name : names) {
      String plain = name.strip().replace("\"", "").toLowerCase(Locale.ROOT);
      BtreeSizeModel.Column column = statistics.columns().get(plain);
      if (column == null) {
        return null;
      }
      columns.add(column);
    }
    return columns;
  }

  private int major() throws SQLException {
    if (major == null) {
      major = executor.serverMajorVersion();
    }
    return major;
  }

  private TableStatistics statistics(String table) throws SQLException {
    if (tables.containsKey(table)) {
      return tables.get(table);
    }
    TableStatistics read = read(table);
    tables.put(table, read);
    return read;
  }

  private TableStatistics read(String table) throws SQLException {
    List<Double> rows = executor.query("SELECT reltuples FROM pg_class WHERE oid = to_regclass(?)",
        rs -> rs.getDouble(1), table);
    if (rows.isEmpty() || rows.get(0) <= 0) {
      return null;
    }
    double tuples = rows.get(0);
    Map<String, BtreeSizeModel.Column> columns = new HashMap<>();
    executor.query("""
        SELECT a.attname, t.typname, t.typlen, t.typalign, t.typtype, t.typcategory, s.null_frac, s.avg_width,
               s.n_distinct, s.most_common_freqs
        FROM pg_attribute a
        JOIN pg_type t ON t.oid = a.atttypid
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = a.attname
        WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped AND NOT s.inherited
        """, rs -> {
          double nDistinct = rs.getDouble(9);
          double distinct = nDistinct < 0 ? -nDistinct * tuples : nDistinct;
          int length = rs.getInt(3);
          String type = rs.getString(2);
          boolean container = "c".equals(rs.getString(5)) || "r".equals(rs.getString(5))
              || "m".equals(rs.getString(5)) || "A".equals(rs.getString(6));
          columns.put(rs.getString(1).toLowerCase(Locale.ROOT), new BtreeSizeModel.Column(
              length > 0 ? length : rs.getDouble(8), length, alignment(rs.getString(4)), rs.getDouble(7),
              Math.max(1, distinct), frequencies(rs.getArray(10)), !container && !NOT_DEDUPLICATED.contains(type)));
          return null;
        }, table);
    return new TableStatistics(tuples, columns);
  }

  private static int alignment(String typalign) {
    return switch (typalign) {
      case "c" -> 1;
      case "s" -> 2;
      case "d" -> 8;
      default -> 4;
    };
  }

  private static double[] frequencies(Array array) throws SQLException {
    if (array == null) {
      return new double[0];
    }
    Object values = array.getArray();
    if (values instanceof Float[] floats) {
      double[] out = new double[floats.length];
      for (int i = 0; i < floats.length; i++) {
        out[i] = floats[i];
      }
      return out;
    }
    return new double[0];
  }
}

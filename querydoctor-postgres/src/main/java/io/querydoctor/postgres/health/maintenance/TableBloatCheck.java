package io.querydoctor.postgres.health.maintenance;

import io.querydoctor.postgres.health.CatalogQuery;
import io.querydoctor.postgres.health.QualifiedName;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What {@link BloatEstimate#heap} needs for each analyzed table: tuples and pages from {@code pg_class}, the
 * average row width from {@code pg_stats}. Tables whose columns are not all in {@code pg_stats} (never
 * analyzed, or columns the role may not read) are left out rather than guessed.
 */
public final class TableBloatCheck {

  private TableBloatCheck() {}

  /**
   * @param table the table
   * @param tuples {@code reltuples}
   * @param pages {@code relpages}
   * @param blockSize the server's block size
   * @param fillfactor the table's fillfactor (100 unless set)
   * @param dataWidth average bytes of data per row
   * @param hasNulls whether any column has nulls (a null bitmap per tuple)
   * @param columns number of columns
   */
  public record Row(QualifiedName table, long tuples, long pages, int blockSize, int fillfactor, double dataWidth,
      boolean hasNulls, int columns) {

    public BloatEstimate.Result estimate() {
      return BloatEstimate.heap(tuples, pages, blockSize, fillfactor, dataWidth, hasNulls, columns);
    }
  }

  static final String SQL = """
      WITH widths AS (
        SELECT schemaname, tablename,
               sum((1 - null_frac) * avg_width) AS data_width,
               bool_or(null_frac > 0) AS has_nulls,
               count(*) AS analyzed_columns
          FROM pg_stats
         WHERE NOT inherited
           AND schemaname NOT IN ('pg_catalog', 'information_schema')
         GROUP BY schemaname, tablename
      )
      SELECT n.nspname AS schema, c.relname AS table_name,
             c.reltuples::bigint AS tuples, c.relpages AS pages,
             current_setting('block_size')::int AS block_size,
             coalesce((SELECT substring(o FROM '^fillfactor=(\\d+)$')::int
                         FROM unnest(c.reloptions) AS o WHERE o LIKE 'fillfactor=%'), 100) AS fillfactor,
             w.data_width, w.has_nulls, c.relnatts AS columns
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN widths w ON w.schemaname = n.nspname AND w.tablename = c.relname
       WHERE c.relkind IN ('r', 'm') AND c.reltuples >= 0 AND c.relpages > 0
         AND n.nspname !~ '^pg_(toast|temp_)'
         AND w.analyzed_columns = (SELECT count(*) FROM pg_attribute a
                                    WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
       ORDER BY n.nspname, c.relname
      """;

  static Row map(ResultSet rs) throws SQLException {
    return new Row(new QualifiedName(rs.getString("schema"), rs.getString("table_name")), rs.getLong("tuples"),
        rs.getLong("pages"), rs.getInt("block_size"), rs.getInt("fillfactor"), rs.getDouble("data_width"),
        rs.getBoolean("has_nulls"), rs.getInt("columns"));
  }

  public static final CatalogQuery<Row> QUERY = CatalogQuery.of(SQL, TableBloatCheck::map);
}

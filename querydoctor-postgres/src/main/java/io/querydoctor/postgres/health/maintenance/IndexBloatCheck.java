package io.querydoctor.postgres.health.maintenance;

import io.querydoctor.postgres.health.CatalogQuery;
import io.querydoctor.postgres.health.QualifiedName;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What {@link BloatEstimate#btree} needs for each valid B-tree index on plain columns: entries and pages
 * from {@code pg_class}, the key width from the table's {@code pg_stats}. Expression indexes and indexes
 * whose columns lack statistics are left out rather than guessed.
 */
public final class IndexBloatCheck {

  private IndexBloatCheck() {}

  /**
   * @param index the index
   * @param table its table
   * @param tuples index entries ({@code reltuples} of the index)
   * @param pages {@code relpages} of the index
   * @param blockSize the server's block size
   * @param fillfactor the index's fillfactor (90 unless set)
   * @param keyWidth average bytes of key data per entry
   */
  public record Row(QualifiedName index, QualifiedName table, long tuples, long pages, int blockSize,
      int fillfactor, double keyWidth) {

    public BloatEstimate.Result estimate() {
      return BloatEstimate.btree(tuples, pages, blockSize, fillfactor, keyWidth);
    }
  }

  static final String SQL = """
      WITH widths AS MATERIALIZED (
        SELECT schemaname, tablename, attname, avg_width, null_frac
          FROM pg_stats
         WHERE NOT inherited AND schemaname NOT IN ('pg_catalog', 'information_schema')
      ),
      keys AS (
        SELECT x.indexrelid, x.indrelid, a.attname
          FROM pg_index x
          JOIN pg_class i ON i.oid = x.indexrelid
          JOIN pg_am am ON am.oid = i.relam AND am.amname = 'btree'
          CROSS JOIN LATERAL unnest(x.indkey) AS k(attnum)
          LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
         WHERE x.indisvalid AND x.indexprs IS NULL AND i.relpages > 0 AND i.reltuples >= 0
      )
      SELECT n.nspname AS schema, i.relname AS index_name, t.relname AS table_name,
             i.reltuples::bigint AS tuples, i.relpages AS pages,
             current_setting('block_size')::int AS block_size,
             coalesce((SELECT substring(o FROM '^fillfactor=(\\d+)$')::int
                         FROM unnest(i.reloptions) AS o WHERE o LIKE 'fillfactor=%'), 90) AS fillfactor,
             sum((1 - w.null_frac) * w.avg_width) AS key_width
        FROM keys k
        JOIN pg_class i ON i.oid = k.indexrelid
        JOIN pg_class t ON t.oid = k.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        LEFT JOIN widths w ON w.schemaname = n.nspname AND w.tablename = t.relname AND w.attname = k.attname
       WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'
       GROUP BY n.nspname, i.relname, t.relname, i.reltuples, i.relpages, i.reloptions
      HAVING count(w.attname) = count(*)
       ORDER BY n.nspname, i.relname
      """;

  static Row map(ResultSet rs) throws SQLException {
    String schema = rs.getString("schema");
    return new Row(new QualifiedName(schema, rs.getString("index_name")),
        new QualifiedName(schema, rs.getString("table_name")), rs.getLong("tuples"), rs.getLong("pages"),
        rs.getInt("block_size"), rs.getInt("fillfactor"), rs.getDouble("key_width"));
  }

  public static final CatalogQuery<Row> QUERY = CatalogQuery.of(SQL, IndexBloatCheck::map);
}

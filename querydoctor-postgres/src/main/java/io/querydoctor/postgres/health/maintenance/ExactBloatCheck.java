package io.querydoctor.postgres.health.maintenance;

import io.querydoctor.postgres.health.CatalogQuery;
import io.querydoctor.postgres.health.QualifiedName;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Measured (not estimated) free space of tables and B-tree indexes through the pgstattuple extension, for
 * when the user asks for exact figures. {@code pgstattuple_approx} reads the pages the visibility map does
 * not vouch for; {@code pgstatindex} reads every index page. Both lock each relation they read, so only
 * relations of at least 1 MB are measured: smaller ones cannot waste the minimum bytes the rules ask for.
 */
public final class ExactBloatCheck {

  private ExactBloatCheck() {}

  /**
   * @param relation the table or index
   * @param index true for an index
   * @param bytes its size
   * @param wastedBytes free or dead space in it (for an index: the empty share of its leaf pages)
   */
  public record Row(QualifiedName relation, boolean index, long bytes, long wastedBytes) {

    public double wastedRatio() {
      return bytes == 0 ? 0 : (double) wastedBytes / bytes;
    }
  }

  static final String SQL = """
      SELECT n.nspname AS schema, c.relname AS relation, false AS is_index,
             s.table_len AS bytes, (s.approx_free_space + s.dead_tuple_len)::bigint AS wasted_bytes
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        CROSS JOIN LATERAL pgstattuple_approx(c.oid) AS s
       WHERE c.relkind IN ('r', 'm') AND c.relpages >= 128
         AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'
      UNION ALL
      SELECT n.nspname, i.relname, true,
             s.index_size,
             CASE WHEN s.avg_leaf_density = 'NaN'::float8 THEN 0
                  ELSE (s.leaf_pages * current_setting('block_size')::bigint
                        * (100 - s.avg_leaf_density) / 100)::bigint END
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_am am ON am.oid = i.relam AND am.amname = 'btree'
        JOIN pg_namespace n ON n.oid = i.relnamespace
        CROSS JOIN LATERAL pgstatindex(i.oid) AS s
       WHERE x.indisvalid AND i.relpages >= 128
         AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'
      """;

  static Row map(ResultSet rs) throws SQLException {
    return new Row(new QualifiedName(rs.getString("schema"), rs.getString("relation")), rs.getBoolean("is_index"),
        rs.getLong("bytes"), rs.getLong("wasted_bytes"));
  }

  public static final CatalogQuery<Row> QUERY = CatalogQuery.of(SQL, ExactBloatCheck::map);
}

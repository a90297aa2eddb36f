package io.querydoctor.postgres.health.indexes;

import io.querydoctor.postgres.health.CatalogQuery;
import io.querydoctor.postgres.health.QualifiedName;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Ordinary and partitioned tables (not partitions, not an extension's tables) without a primary key, with a
 * unique index over NOT NULL columns that could be promoted to one when there is such an index.
 */
public final class PrimaryKeyCheck {

  private PrimaryKeyCheck() {}

  /**
   * @param table the table without a primary key
   * @param rows estimated rows
   * @param bytes heap size as of the last VACUUM or ANALYZE ({@code relpages}, no lock taken)
   * @param promotableIndex a valid unique index over NOT NULL columns, or {@code null}
   */
  public record Row(QualifiedName table, long rows, long bytes, String promotableIndex) {}

  static final String SQL = """
      SELECT n.nspname AS schema, c.relname AS table_name,
             greatest(c.reltuples::bigint, 0) AS row_estimate,
             c.relpages::bigint * current_setting('block_size')::bigint AS bytes,
             (SELECT i.relname
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
               WHERE x.indrelid = c.oid AND x.indisunique AND x.indisvalid
                 AND x.indpred IS NULL AND x.indexprs IS NULL
                 AND NOT EXISTS (SELECT 1
                                   FROM unnest(x.indkey) AS k(attnum)
                                   JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                                  WHERE NOT a.attnotnull)
               ORDER BY x.indnatts, i.relname
               LIMIT 1) AS promotable_index
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
         AND n.nspname NOT IN ('pg_catalog', 'information_schema')
         AND n.nspname !~ '^pg_(toast|temp_)'
         AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')
         AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
       ORDER BY n.nspname, c.relname
      """;

  static Row map(ResultSet rs) throws SQLException {
    return new Row(new QualifiedName(rs.getString("schema"), rs.getString("table_name")),
        rs.getLong("row_estimate"), rs.getLong("bytes"), rs.getString("promotable_index"));
  }

  public static final CatalogQuery<Row> QUERY = CatalogQuery.of(SQL, PrimaryKeyCheck::map);
}

package io.querydoctor.postgres.health.indexes;

import io.querydoctor.postgres.health.CatalogQuery;
import io.querydoctor.postgres.health.QualifiedName;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Foreign keys whose columns are not the leading columns (in any order) of a valid, non-partial index on
 * the referencing table. Without one, every DELETE or key UPDATE on the referenced table, and every join
 * from it, scans the referencing table.
 *
 * <p>Counters come from the {@code pg_stat_get_*} functions behind {@code pg_stat_user_tables}, not from
 * the view: joined to the catalog, the view (10 000 rows, never analyzed) led the planner into a nested
 * loop that took 3 s on 10 000 tables.
 */
public final class ForeignKeyIndexCheck {

  private ForeignKeyIndexCheck() {}

  /**
   * One unindexed foreign key.
   *
   * @param table the referencing table
   * @param constraint the constraint's name
   * @param columns the referencing columns in constraint order
   * @param referenced the referenced table
   * @param rows the planner's row count of the referencing table, or the live-tuple counter before the
   *     first ANALYZE
   * @param pages heap pages of the referencing table
   * @param referencedChanges rows updated or deleted in the referenced table since the statistics reset
   * @param statsAgeSeconds how long the statistics have been collecting
   */
  public record Row(QualifiedName table, String constraint, List<String> columns, QualifiedName referenced,
      long rows, long pages, long referencedChanges, long statsAgeSeconds) {}

  static final String SQL = """
      SELECT n.nspname AS schema, t.relname AS table_name, c.conname AS constraint_name,
             ARRAY(SELECT a.attname::text
                     FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
                    ORDER BY k.ord) AS columns,
             pn.nspname AS referenced_schema, p.relname AS referenced_table,
             CASE WHEN t.reltuples > 0 THEN t.reltuples::bigint
                  ELSE pg_stat_get_live_tuples(c.conrelid) END AS row_estimate,
             t.relpages AS pages,
             pg_stat_get_tuples_updated(c.confrelid) + pg_stat_get_tuples_deleted(c.confrelid)
                 AS referenced_changes,
             extract(epoch FROM now() - coalesce(
                 (SELECT d.stats_reset FROM pg_stat_database d WHERE d.datname = current_database()),
                 pg_postmaster_start_time()))::bigint AS stats_age_seconds
        FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_class p ON p.oid = c.confrelid
        JOIN pg_namespace pn ON pn.oid = p.relnamespace
       WHERE c.contype = 'f'
         AND n.nspname NOT IN ('pg_catalog', 'information_schema')
         AND n.nspname !~ '^pg_(toast|temp_)'
         AND NOT EXISTS (
               SELECT 1
                 FROM pg_index x
                WHERE x.indrelid = c.conrelid
                  AND x.indisvalid
                  AND x.indpred IS NULL
                  AND (string_to_array(x.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] @> c.conkey
                  AND (string_to_array(x.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] <@ c.conkey)
       ORDER BY n.nspname, t.relname, c.conname
      """;

  static Row map(ResultSet rs) throws SQLException {
    Array columns = rs.getArray("columns");
    return new Row(new QualifiedName(rs.getString("schema"), rs.getString("table_name")),
        rs.getString("constraint_name"), List.of((String[]) columns.getArray()),
        new QualifiedName(rs.getString("referenced_schema"), rs.getString("referenced_table")),
        rs.getLong("row_estimate"), rs.getLong("pages"), rs.getLong("referenced_changes"),
        rs.getLong("stats_age_seconds"));
  }

  public static final CatalogQuery<Row> QUERY = CatalogQuery.of(SQL, ForeignKeyIndexCheck::map);
}

package io.querydoctor.postgres.health.indexes;

import io.querydoctor.postgres.health.CatalogQuery;
import io.querydoctor.postgres.health.QualifiedName;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Every index of the application's schemas with its definition, size, scans since the statistics reset and
 * the write and read traffic of its table. Feeds the unused, duplicate, redundant and over-indexed rules.
 * Counters come straight from the {@code pg_stat_get_*} functions behind {@code pg_stat_user_indexes}: joining
 * the views made the planner pick nested loops over 10 000-row catalogs.
 */
public final class IndexCatalogCheck {

  private IndexCatalogCheck() {}

  /**
   * One index.
   *
   * @param table its table
   * @param index the index (same schema as the table)
   * @param method access method: btree, hash, gin, gist, …
   * @param unique whether it enforces uniqueness
   * @param backsConstraint whether a primary key, unique or exclusion constraint depends on it
   * @param servesForeignKey whether its leading key columns are exactly a foreign key's columns, so that
   *     deletes and key updates on the referenced table use it even when no query of the application does
   * @param valid false for a failed {@code CREATE INDEX CONCURRENTLY}
   * @param keyAttributes {@code pg_index.indkey} as text ("2 3"; 0 for an expression), key and INCLUDE
   * @param keyCount how many of those are key columns (the rest are INCLUDE columns)
   * @param operatorClasses {@code indclass} as text
   * @param options {@code indoption} as text (DESC, NULLS FIRST)
   * @param expressions the index expressions, empty if none
   * @param predicate the partial-index predicate, empty if none
   * @param columns the key columns as written in the definition
   * @param bytes on-disk size as of the last VACUUM, ANALYZE or CREATE INDEX ({@code relpages}); read from
   *     the catalog because {@code pg_relation_size} locks each relation, and 30 000 locks in one
   *     transaction exhaust the lock table
   * @param scans index scans since the statistics reset
   * @param tableWrites rows inserted, updated and deleted in the table since the reset
   * @param tableScans sequential plus index scans of the table since the reset
   * @param statsAgeSeconds how long the statistics have been collecting
   */
  public record Row(QualifiedName table, QualifiedName index, String method, boolean unique,
      boolean backsConstraint, boolean servesForeignKey, boolean valid, String keyAttributes, int keyCount, String operatorClasses,
      String options, String expressions, String predicate, String columns, long bytes, long scans,
      long tableWrites, long tableScans, long statsAgeSeconds) {

    /** Same table, method, columns, operator classes, order, expressions, predicate and uniqueness. */
    public String definitionKey() {
      return String.join("|", table.toString(), method, keyAttributes, Integer.toString(keyCount),
          operatorClasses, options, expressions, predicate, Boolean.toString(unique));
    }

    String[] keyAttributeList() {
      return keyAttributes.isBlank() ? new String[0] : keyAttributes.trim().split(" ");
    }
  }

  static final String SQL = """
      SELECT n.nspname AS schema, t.relname AS table_name, i.relname AS index_name, am.amname AS method,
             x.indisunique AS is_unique, x.indisvalid AS is_valid,
             EXISTS (SELECT 1 FROM pg_constraint c
                     WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid
                       AND c.contype IN ('p', 'u', 'x')) AS backs_constraint,
             EXISTS (SELECT 1 FROM pg_constraint f
                     WHERE f.contype = 'f' AND f.conrelid = x.indrelid
                       AND cardinality(f.conkey) <= x.indnkeyatts
                       AND (string_to_array(x.indkey::text, ' ')::int2[])[1:cardinality(f.conkey)] @> f.conkey
                       AND (string_to_array(x.indkey::text, ' ')::int2[])[1:cardinality(f.conkey)] <@ f.conkey)
                 AS serves_foreign_key,
             x.indkey::text AS key_attributes, x.indnkeyatts AS key_count,
             x.indclass::text AS operator_classes, x.indoption::text AS options,
             coalesce(pg_get_expr(x.indexprs, x.indrelid), '') AS expressions,
             coalesce(pg_get_expr(x.indpred, x.indrelid), '') AS predicate,
             (SELECT string_agg(pg_get_indexdef(x.indexrelid, k, true), ', ' ORDER BY k)
                FROM generate_series(1, x.indnkeyatts) AS k) AS columns,
             i.relpages::bigint * current_setting('block_size')::bigint AS bytes,
             pg_stat_get_numscans(x.indexrelid) AS scans,
             pg_stat_get_tuples_inserted(x.indrelid) + pg_stat_get_tuples_updated(x.indrelid)
                 + pg_stat_get_tuples_deleted(x.indrelid) AS table_writes,
             pg_stat_get_numscans(x.indrelid)
                 + sum(pg_stat_get_numscans(x.indexrelid)) OVER (PARTITION BY x.indrelid) AS table_scans,
             extract(epoch FROM now() - coalesce(
                 (SELECT d.stats_reset FROM pg_stat_database d WHERE d.datname = current_database()),
                 pg_postmaster_start_time()))::bigint AS stats_age_seconds
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_am am ON am.oid = i.relam
       WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
         AND n.nspname !~ '^pg_(toast|temp_)'
       ORDER BY n.nspname, t.relname, i.relname
      """;

  static Row map(ResultSet rs) throws SQLException {
    QualifiedName table = new QualifiedName(rs.getString("schema"), rs.getString("table_name"));
    return new Row(table, table.sibling(rs.getString("index_name")), rs.getString("method"),
        rs.getBoolean("is_unique"), rs.getBoolean("backs_constraint"), rs.getBoolean("serves_foreign_key"),
        rs.getBoolean("is_valid"),
        rs.getString("key_attributes"), rs.getInt("key_count"), rs.getString("operator_classes"),
        rs.getString("options"), rs.getString("expressions"), rs.getString("predicate"),
        rs.getString("columns"), rs.getLong("bytes"), rs.getLong("scans"), rs.getLong("table_writes"),
        rs.getLong("table_scans"), rs.getLong("stats_age_seconds"));
  }

  public static final CatalogQuery<Row> QUERY = CatalogQuery.of(SQL, IndexCatalogCheck::map);
}

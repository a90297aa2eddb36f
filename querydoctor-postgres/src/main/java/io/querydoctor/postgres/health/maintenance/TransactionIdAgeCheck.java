package io.querydoctor.postgres.health.maintenance;

import io.querydoctor.postgres.health.CatalogQuery;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Transaction-id age of every database ({@code datfrozenxid}) and of the oldest tables of the current
 * database ({@code relfrozenxid}), with {@code autovacuum_freeze_max_age} for context.
 */
public final class TransactionIdAgeCheck {

  private TransactionIdAgeCheck() {}

  /** How many of the current database's oldest tables are listed. */
  static final int OLDEST_TABLES = 5;

  /**
   * @param database the database
   * @param schema the table's schema, {@code null} for a database row
   * @param table the table, {@code null} for a database row
   * @param xidAge {@code age(datfrozenxid)} or {@code age(relfrozenxid)}
   * @param freezeMaxAge {@code autovacuum_freeze_max_age}
   */
  public record Row(String database, String schema, String table, long xidAge, long freezeMaxAge) {

    public boolean isTable() {
      return table != null;
    }
  }

  static final String SQL = """
      SELECT d.datname AS database, NULL AS schema, NULL AS table_name, age(d.datfrozenxid)::bigint AS xid_age,
             current_setting('autovacuum_freeze_max_age')::bigint AS freeze_max_age
        FROM pg_database d
      UNION ALL
      (SELECT current_database(), n.nspname, c.relname, age(c.relfrozenxid)::bigint,
              current_setting('autovacuum_freeze_max_age')::bigint
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'm') AND c.relfrozenxid <> '0'::xid
        ORDER BY age(c.relfrozenxid) DESC
        LIMIT %d)
      """.formatted(OLDEST_TABLES);

  static Row map(ResultSet rs) throws SQLException {
    return new Row(rs.getString("database"), rs.getString("schema"), rs.getString("table_name"),
        rs.getLong("xid_age"), rs.getLong("freeze_max_age"));
  }

  public static final CatalogQuery<Row> QUERY = CatalogQuery.of(SQL, TransactionIdAgeCheck::map);
}

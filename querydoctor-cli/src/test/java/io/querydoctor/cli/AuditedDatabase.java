package io.querydoctor.cli;

import io.querydoctor.demo.junit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A small database that records every change made to it: an AFTER trigger on each table (row inserts, updates,
 * deletes and truncates) and an event trigger for DDL (ddl_command_end and sql_drop), all writing into an audit
 * table through a SECURITY DEFINER function. What event triggers cannot see (roles, database and system
 * settings, sequence values) is compared with a snapshot taken after setup.
 */
final class AuditedDatabase {

  private static final String SETUP = """
      CREATE SCHEMA audit;
      CREATE TABLE audit.changes (id bigserial PRIMARY KEY, at timestamptz DEFAULT clock_timestamp(),
          what text NOT NULL, detail text);
      CREATE FUNCTION audit.row_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $f$
      BEGIN
        INSERT INTO audit.changes (what, detail) VALUES (TG_OP, TG_TABLE_NAME);
        RETURN NULL;
      END $f$;
      CREATE FUNCTION audit.ddl_change() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER AS $f$
      BEGIN
        INSERT INTO audit.changes (what, detail) VALUES (TG_EVENT, TG_TAG);
      END $f$;
      CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL, balance int NOT NULL);
      CREATE TABLE payments (id bigserial PRIMARY KEY, account_id int NOT NULL REFERENCES accounts, amount int);
      INSERT INTO accounts SELECT g, 'owner ' || g, 100 FROM generate_series(1, 50) g;
      INSERT INTO payments (account_id, amount) SELECT 1 + g % 50, g FROM generate_series(1, 200) g;
      ANALYZE accounts;
      ANALYZE payments;
      """;

  private static final List<String> AUDITED_TABLES = List.of("accounts", "payments");

  private final TestDatabase db;
  private String baseline;

  private AuditedDatabase(TestDatabase db) {
    this.db = db;
  }

  /** Creates the tables, the triggers and the snapshot on {@code db}. */
  static AuditedDatabase create(TestDatabase db) throws SQLException {
    AuditedDatabase audited = new AuditedDatabase(db);
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(SETUP);
      for (String table : AUDITED_TABLES) {
        s.execute("CREATE TRIGGER audit_rows AFTER INSERT OR UPDATE OR DELETE ON " + table
            + " FOR EACH ROW EXECUTE FUNCTION audit.row_change()");
        s.execute("CREATE TRIGGER audit_truncate AFTER TRUNCATE ON " + table
            + " FOR EACH STATEMENT EXECUTE FUNCTION audit.row_change()");
      }
      s.execute("CREATE EVENT TRIGGER audit_ddl ON ddl_command_end EXECUTE FUNCTION audit.ddl_change()");
      s.execute("CREATE EVENT TRIGGER audit_drop ON sql_drop EXECUTE FUNCTION audit.ddl_change()");
    }
    audited.baseline = audited.state();
    return audited;
  }

  /** Every change recorded since setup, and every difference in what triggers cannot see; empty when none. */
  List<String> changes() throws SQLException {
    List<String> changes = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT what || ' ' || coalesce(detail, '') FROM audit.changes ORDER BY id")) {
      while (rs.next()) {
        changes.add(rs.getString(1));
      }
    }
    String now = state();
    if (!now.equals(baseline)) {
      changes.add("state changed: " + baseline + " -> " + now);
    }
    return changes;
  }

  /**
   * What the triggers cannot record: row counts and sums (in case a trigger was disabled first), the sequence,
   * roles, per-database and per-role settings, ALTER SYSTEM, and the server's default transaction mode.
   */
  private String state() throws SQLException {
    String sql = """
        SELECT (SELECT count(*) || '/' || sum(balance) FROM accounts)
          || ' ' || (SELECT count(*) FROM payments)
          || ' seq=' || (SELECT last_value FROM payments_id_seq)
          || ' roles=' || (SELECT count(*) FROM pg_roles)
          || ' dbsettings=' || (SELECT count(*) FROM pg_db_role_setting)
          || ' autoconf=' || (SELECT count(*) FROM pg_file_settings WHERE sourcefile LIKE '%auto.conf')
          || ' triggers=' || (SELECT count(*) FROM pg_trigger WHERE tgenabled = 'O' AND tgname LIKE 'audit%')
          || ' evt=' || (SELECT count(*) FROM pg_event_trigger WHERE evtenabled = 'O')
          || ' tables=' || (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace)
          || ' default_ro=' || current_setting('default_transaction_read_only')
        """;
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}

package io.querydoctor.mysql.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.querydoctor.mysql.embedded.EmbeddedMariaDbExtension;
import io.querydoctor.mysql.embedded.TestMariaDb;

/**
 * Records the MariaDB plan fixtures from the embedded server: run with {@code -Drecord.plans=DIR}. Skipped
 * otherwise (the fixtures are checked in; {@code MariaDbPlansIT} re-reads live plans of the same statements).
 */
@ExtendWith(EmbeddedMariaDbExtension.class)
class RecordMariaDbPlans {

  static final Map<String, String> STATEMENTS = new LinkedHashMap<>();

  static {
    STATEMENTS.put("full-scan", "SELECT * FROM orders WHERE customer_id = 42");
    STATEMENTS.put("pk-lookup", "SELECT * FROM orders WHERE id = 42");
    STATEMENTS.put("filesort", "SELECT id, note FROM orders WHERE total > 10 ORDER BY note");
    STATEMENTS.put("filesort-limit", "SELECT id, note FROM orders ORDER BY note LIMIT 10");
    STATEMENTS.put("index-order-limit", "SELECT id, created_at FROM orders ORDER BY created_at LIMIT 10");
    STATEMENTS.put("temporary", "SELECT note, COUNT(*) FROM orders GROUP BY note");
    STATEMENTS.put("small-group", "SELECT country, COUNT(*) FROM customers WHERE id < 50 GROUP BY country");
    STATEMENTS.put("join-buffer", "SELECT c.email, o.total FROM customers c STRAIGHT_JOIN orders o "
        + "ON o.customer_id = c.id WHERE c.country = 'CH' AND c.id < 300");
    STATEMENTS.put("join-indexed", "SELECT c.email, o.total FROM orders o JOIN customers c ON c.id = o.customer_id "
        + "WHERE o.status = 'open'");
    STATEMENTS.put("index-merge-intersect", "SELECT * FROM events WHERE kind = 7 AND region = 5");
    STATEMENTS.put("index-merge-union", "SELECT * FROM events WHERE kind = 7 OR user_id = 107");
    STATEMENTS.put("non-sargable-date", "SELECT id, total FROM orders WHERE DATE(created_at) = '2024-03-01'");
    STATEMENTS.put("non-sargable-month", "SELECT id, total FROM orders WHERE MONTH(created_at) = 3");
    STATEMENTS.put("date-range", "SELECT id, total FROM orders WHERE created_at >= '2024-03-01' "
        + "AND created_at < '2024-03-02'");
    STATEMENTS.put("inefficient-index", "SELECT * FROM orders WHERE status = 'open' AND total = 500");
    STATEMENTS.put("inefficient-range", "SELECT * FROM orders WHERE created_at >= '2024-02-01' "
        + "AND created_at < '2024-03-01' AND total = 500");
    STATEMENTS.put("misestimate-join", "SELECT c.email, o.id FROM orders o JOIN customers c ON c.id = o.customer_id "
        + "WHERE o.note LIKE 'a%' AND o.total < 500");
    STATEMENTS.put("subquery", "SELECT c.email FROM customers c WHERE c.id IN (SELECT customer_id FROM orders "
        + "WHERE status = 'open') AND c.country = 'DE'");
  }

  @Test
  void record(TestMariaDb db) throws Exception {
    String dir = System.getProperty("record.plans");
    Assumptions.assumeTrue(dir != null, "set -Drecord.plans=DIR to record the MariaDB fixtures");
    Path out = Path.of(dir);
    Files.createDirectories(out);
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      PlanSchema.load(s);
      String version = one(s, "SELECT VERSION()");
      Files.writeString(out.resolve("VERSION"), version + "\n");
      for (Map.Entry<String, String> e : STATEMENTS.entrySet()) {
        Files.writeString(out.resolve(e.getKey() + ".explain.json"), one(s, "EXPLAIN FORMAT=JSON " + e.getValue()));
        Files.writeString(out.resolve(e.getKey() + ".analyze.json"), one(s, "ANALYZE FORMAT=JSON " + e.getValue()));
        Files.writeString(out.resolve(e.getKey() + ".sql"), e.getValue() + "\n");
      }
    }
  }

  private static String one(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}

package io.querydoctor.mysql.plan;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables the MariaDB plan fixtures were recorded on, generated with MariaDB's sequence engine in about a
 * second: {@code customers} (5 000 rows), {@code orders} (60 000, no index on {@code customer_id} or {@code note}),
 * {@code events} (40 000, two single-column indexes an index merge can combine).
 */
public final class PlanSchema {

  static final String[] DDL = {
    "CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL, country CHAR(2) NOT NULL)",
    "INSERT INTO customers SELECT seq, CONCAT('user', seq, '@example.com'), ELT(1 + seq % 5, 'CH', 'DE', 'FR', "
        + "'IT', 'AT') FROM seq_1_to_5000",
    "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(16) NOT NULL, "
        + "created_at DATETIME NOT NULL, total DECIMAL(10,2) NOT NULL, note VARCHAR(60) NOT NULL, "
        + "INDEX idx_orders_created_at (created_at), INDEX idx_orders_status (status))",
    "INSERT INTO orders SELECT seq, 1 + seq % 5000, IF(seq % 100 = 0, 'open', 'shipped'), "
        + "'2024-01-01' + INTERVAL (seq * 7) MINUTE, (seq * 37) % 1000, MD5(seq) FROM seq_1_to_60000",
    "CREATE TABLE events (id INT PRIMARY KEY, kind INT NOT NULL, region INT NOT NULL, user_id INT NOT NULL, "
        + "payload VARCHAR(40), INDEX idx_events_kind (kind), INDEX idx_events_region (region), "
        + "INDEX idx_events_user (user_id))",
    "INSERT INTO events SELECT seq, seq % 50, seq % 37, seq % 2000, MD5(seq) FROM seq_1_to_40000",
    "ANALYZE TABLE customers, orders, events",
  };

  private PlanSchema() {}

  public static void load(Statement statement) throws SQLException {
    for (String sql : DDL) {
      statement.execute(sql);
    }
  }
}

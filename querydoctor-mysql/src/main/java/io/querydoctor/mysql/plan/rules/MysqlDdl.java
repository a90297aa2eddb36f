package io.querydoctor.mysql.plan.rules;

import java.util.List;
import java.util.Locale;

/**
 * The DDL a MySQL plan finding proposes, quoted with backticks. Online DDL: {@code ALGORITHM=INPLACE, LOCK=NONE}
 * builds a secondary index without blocking reads and writes on InnoDB (MySQL 5.6+, MariaDB 10.0+); naming both
 * makes the server refuse rather than silently fall back to a blocking copy.
 */
public final class MysqlDdl {

  private MysqlDdl() {}

  /** {@code `name`}, with backticks inside doubled. */
  public static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  /** An index name from the table and its columns: {@code idx_orders_customer_id}, at most 64 characters. */
  public static String indexName(String table, List<String> columns) {
    String name = ("idx_" + table + "_" + String.join("_", columns)).toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9_]+", "_").replaceAll("_+", "_");
    return name.length() > 64 ? name.substring(0, 64) : name;
  }

  /** {@code ALTER TABLE `t` ADD INDEX `idx_t_a_b` (`a`, `b`), ALGORITHM=INPLACE, LOCK=NONE;} */
  public static String addIndex(String table, List<String> columns) {
    StringBuilder keys = new StringBuilder();
    for (String column : columns) {
      if (keys.length() > 0) {
        keys.append(", ");
      }
      keys.append(column.startsWith("(") ? column : quote(column));
    }
    return "ALTER TABLE " + quote(table) + " ADD INDEX " + quote(indexName(table, columns.stream()
        .map(c -> c.replaceAll("[^A-Za-z0-9_]+", "_")).toList())) + " (" + keys + "), ALGORITHM=INPLACE, LOCK=NONE;";
  }
}

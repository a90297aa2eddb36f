package io.querydoctor.mysql.health;

import io.querydoctor.mysql.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Global status counters and server variables by name. {@code SHOW GLOBAL STATUS}/{@code SHOW GLOBAL VARIABLES}
 * work on both servers (MySQL 8 moved the information_schema tables to performance_schema, MariaDB kept them).
 */
public final class ServerStatus {

  private final Map<String, String> values;

  public ServerStatus(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** The named status counters ({@code status} true) or variables. Names are plain identifiers, never user input. */
  public static ServerStatus read(SafeExecutor executor, boolean status, List<String> names) throws SQLException {
    String list = String.join("', '", names);
    String sql = "SHOW GLOBAL " + (status ? "STATUS" : "VARIABLES") + " WHERE Variable_name IN ('" + list + "')";
    Map<String, String> values = new HashMap<>();
    for (String[] row : executor.queryUnprepared(sql, rs -> new String[] {rs.getString(1), rs.getString(2)})) {
      values.put(row[0].toLowerCase(Locale.ROOT), row[1]);
    }
    return new ServerStatus(values);
  }

  /** The value as a number, or {@code fallback} when absent or not a number. */
  public double number(String name, double fallback) {
    String value = values.get(name.toLowerCase(Locale.ROOT));
    if (value == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  public String text(String name) {
    return values.get(name.toLowerCase(Locale.ROOT));
  }
}

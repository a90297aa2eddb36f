package io.querydoctor.postgres.plan;

import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.rules.ColumnTypes;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The declared column types of the tables a plan reads, from {@code pg_attribute}, fetched once per table before
 * the rules run (one read-only catalog query per table). A table the role cannot see has no types: the rules
 * then fall back to what is right for any type.
 */
final class CatalogColumnTypes {

  private static final String COLUMNS = """
      SELECT attname, format_type(atttypid, atttypmod)
      FROM pg_attribute
      WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped
      """;

  private CatalogColumnTypes() {}

  static ColumnTypes of(SafeExecutor executor, Plan plan) throws SQLException {
    Map<String, Map<String, String>> types = new HashMap<>();
    for (var node : plan.nodes()) {
      String relation = node.relation();
      if (relation != null && !types.containsKey(relation)) {
        Map<String, String> columns = new HashMap<>();
        List<String[]> rows = executor.query(COLUMNS, rs -> new String[] {rs.getString(1), rs.getString(2)}, relation);
        rows.forEach(r -> columns.put(r[0], r[1]));
        types.put(relation, columns);
      }
    }
    return (table, column) -> types.getOrDefault(table, Map.of()).get(column);
  }
}

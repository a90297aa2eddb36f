package io.querydoctor.mysql.health;

/** Table and index names as findings show them ({@code shop.orders}) and as fixes quote them. */
public final class Names {

  private Names() {}

  /** {@code schema.table}, the subject name of a table. */
  public static String qualified(String schema, String table) {
    return schema + "." + table;
  }

  /** {@code `schema`.`table`}, for SQL in fixes. */
  public static String sql(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }

  /** An identifier in backticks, with backticks inside doubled. */
  public static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}

package io.querydoctor.mysql.plan;

/**
 * Reads a MySQL or MariaDB plan whatever its format: JSON ({@code EXPLAIN FORMAT=JSON} of either engine, MariaDB's
 * {@code ANALYZE FORMAT=JSON}) or MySQL's tree ({@code EXPLAIN FORMAT=TREE}, {@code EXPLAIN ANALYZE}).
 */
public final class MysqlPlans {

  private MysqlPlans() {}

  /**
   * True when {@code head} (the start of a file) looks like a MySQL/MariaDB plan: a JSON document whose first key is
   * {@code query_block} or {@code query_optimization}, or a first line starting with {@code ->} (optionally after
   * MySQL's {@code EXPLAIN: } label).
   */
  public static boolean recognizes(String head) {
    String text = head.strip();
    if (text.startsWith("{") || text.startsWith("[")) {
      String compact = text.replaceAll("\\s+", "");
      return compact.startsWith("{\"query_block\"") || compact.startsWith("{\"query_optimization\"")
          || compact.startsWith("[{\"query_block\"");
    }
    return text.startsWith("->") || text.startsWith("EXPLAIN: ->");
  }

  /** The plan in {@code text}; {@link MysqlPlanFormatException} with one line when it is neither format. */
  public static MysqlPlan read(String text) {
    String trimmed = text.strip();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      return MysqlJsonPlanReader.read(trimmed);
    }
    return MysqlTreePlanReader.read(text);
  }
}

package io.querydoctor.postgres.plan;

/**
 * A plan of {@code partitions + 2} nodes, an aggregate over a table with that many partitions, each read by a
 * sequential scan that keeps 10 of 100 000 rows: in JSON and in text format, as PostgreSQL prints them. Shared by
 * the large-plan tests and the plan benchmarks in querydoctor-bench (through this module's test jar).
 */
public final class PartitionedPlans {

  private PartitionedPlans() {}

  /** PostgreSQL's EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) shape for a partitioned aggregate. */
  public static String json(int partitions) {
    StringBuilder plan = new StringBuilder(partitions * 420);
    plan.append("[{\"Plan\": {\"Node Type\": \"Aggregate\", \"Strategy\": \"Plain\", \"Startup Cost\": 1, "
        + "\"Total Cost\": 2, \"Plan Rows\": 1, \"Plan Width\": 8, \"Actual Startup Time\": 900.0, "
        + "\"Actual Total Time\": 900.0, \"Actual Rows\": 1, \"Actual Loops\": 1, \"Plans\": [{\"Node Type\": "
        + "\"Append\", \"Parent Relationship\": \"Outer\", \"Startup Cost\": 0, \"Total Cost\": 1, \"Plan Rows\": "
        + partitions + ", \"Plan Width\": 0, \"Actual Startup Time\": 0.01, \"Actual Total Time\": 890.0, "
        + "\"Actual Rows\": " + partitions * 10 + ", \"Actual Loops\": 1, \"Plans\": [");
    for (int i = 0; i < partitions; i++) {
      plan.append(i == 0 ? "" : ",").append("{\"Node Type\": \"Seq Scan\", \"Parent Relationship\": \"Member\", ")
          .append("\"Relation Name\": \"events_p").append(i).append("\", \"Alias\": \"events_p").append(i)
          .append("\", \"Startup Cost\": 0.0, \"Total Cost\": 25.5, \"Plan Rows\": 10, \"Plan Width\": 4, ")
          .append("\"Actual Startup Time\": 0.001, \"Actual Total Time\": 0.08, \"Actual Rows\": 10, ")
          .append("\"Actual Loops\": 1, \"Filter\": \"(kind = 3)\", \"Rows Removed by Filter\": 99990, ")
          .append("\"Shared Hit Blocks\": 5, \"Shared Read Blocks\": 0}");
    }
    return plan.append("]}]}, \"Planning Time\": 40.0, \"Execution Time\": 901.0}]").toString();
  }

  /** The same plan as PostgreSQL's EXPLAIN (ANALYZE, BUFFERS) text format prints it. */
  public static String text(int partitions) {
    StringBuilder text = new StringBuilder(partitions * 260);
    text.append("Aggregate  (cost=1.00..2.00 rows=1 width=8) (actual time=900.000..900.000 rows=1 loops=1)\n")
        .append("  ->  Append  (cost=0.00..1.00 rows=").append(partitions).append(" width=0) (actual time=0.010..")
        .append("890.000 rows=").append(partitions * 10).append(" loops=1)\n");
    for (int i = 0; i < partitions; i++) {
      text.append("        ->  Seq Scan on events_p").append(i)
          .append("  (cost=0.00..25.50 rows=10 width=4) (actual time=0.001..0.080 rows=10 loops=1)\n")
          .append("              Filter: (kind = 3)\n")
          .append("              Rows Removed by Filter: 99990\n")
          .append("              Buffers: shared hit=5\n");
    }
    return text.append("Planning Time: 40.000 ms\nExecution Time: 901.000 ms\n").toString();
  }
}

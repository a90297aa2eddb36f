package io.querydoctor.postgres.plan;

import java.util.List;

/**
 * One recorded plan fixture: the statement, the session settings it runs under, and the rule it must (or
 * must not) trigger. The fixture file is {@code plans/pg/<name>.json}.
 */
record PlanCase(String name, String rule, boolean fires, List<String> settings, String sql) {

  static final String SCHEMA = """
      CREATE TABLE customers (id int PRIMARY KEY, name text, region_code text);
      INSERT INTO customers SELECT i, 'customer ' || i, 'r' || (i % 50) FROM generate_series(1, 5000) i;
      CREATE TABLE regions (code text, name text);
      INSERT INTO regions SELECT 'r' || i, 'region ' || i FROM generate_series(0, 49) i;
      CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int, status text, channel text, total numeric,
        created_at timestamp, note text);
      INSERT INTO orders SELECT i, i % 5000, 'st' || (i % 100), 'ch' || (i % 100), (i % 1000) / 10.0,
        timestamp '2024-01-01' + (i * interval '86 seconds'), md5(i::text) FROM generate_series(1, 200000) i;
      CREATE INDEX orders_created_at_idx ON orders (created_at);
      CREATE TABLE order_tags (id int PRIMARY KEY, tag text);
      INSERT INTO order_tags SELECT i, 't' || (i % 10) FROM generate_series(1, 2000) i;
      CREATE TABLE events (id bigint PRIMARY KEY, kind int, amount numeric);
      INSERT INTO events SELECT i, i % 20, i % 100 FROM generate_series(1, 1200000) i;
      CREATE TABLE visits_fresh (id int PRIMARY KEY, v int) WITH (autovacuum_enabled = false);
      INSERT INTO visits_fresh SELECT i, i % 7 FROM generate_series(1, 100000) i;
      CREATE TABLE visits_vacuumed (id int PRIMARY KEY, v int);
      INSERT INTO visits_vacuumed SELECT i, i % 7 FROM generate_series(1, 100000) i;
      ANALYZE;
      """;

  /** Run outside a transaction after {@link #SCHEMA}. */
  static final String VACUUM = "VACUUM (ANALYZE) visits_vacuumed";

  private static final List<String> SMALL_WORK_MEM = List.of("SET work_mem = '64kB'");
  private static final List<String> LARGE_WORK_MEM = List.of("SET work_mem = '64MB'");
  private static final List<String> NESTED_LOOPS_ONLY = List.of("SET enable_hashjoin = off", "SET enable_mergejoin = off");
  private static final List<String> BITMAP_ONLY = List.of("SET enable_indexscan = off", "SET enable_seqscan = off");
  private static final List<String> INDEX_ONLY = List.of("SET enable_seqscan = off", "SET enable_bitmapscan = off");

  static List<PlanCase> all() {
    return List.of(
        new PlanCase("seq-scan-large-table-fires", "seq-scan-large-table", true, List.of(),
            "SELECT * FROM orders WHERE customer_id = 42"),
        new PlanCase("seq-scan-large-table-silent", "seq-scan-large-table", false, List.of(),
            "SELECT id, total FROM orders WHERE total >= 0"),
        new PlanCase("row-estimate-mismatch-fires", "row-estimate-mismatch", true, List.of(),
            "SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id "
                + "WHERE o.status = 'st1' AND o.channel = 'ch1'"),
        new PlanCase("row-estimate-mismatch-silent", "row-estimate-mismatch", false, List.of(),
            "SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status = 'st1'"),
        new PlanCase("sort-spill-fires", "sort-spill", true, SMALL_WORK_MEM, "SELECT * FROM orders ORDER BY note"),
        new PlanCase("sort-spill-silent", "sort-spill", false, LARGE_WORK_MEM, "SELECT * FROM orders ORDER BY note"),
        new PlanCase("hash-spill-fires", "hash-spill", true, SMALL_WORK_MEM,
            "SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id"),
        new PlanCase("hash-spill-silent", "hash-spill", false, LARGE_WORK_MEM,
            "SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id"),
        new PlanCase("nested-loop-large-fires", "nested-loop-large", true, NESTED_LOOPS_ONLY,
            "SELECT c.name, r.name FROM customers c JOIN regions r ON r.code = c.region_code"),
        new PlanCase("nested-loop-large-silent", "nested-loop-large", false, NESTED_LOOPS_ONLY,
            "SELECT c.name, o.total FROM customers c JOIN orders o ON o.id = c.id WHERE c.id < 2000"),
        new PlanCase("non-sargable-predicate-fires", "non-sargable-predicate", true, List.of(),
            "SELECT * FROM orders WHERE created_at::date = '2024-03-01'"),
        new PlanCase("non-sargable-predicate-silent", "non-sargable-predicate", false, List.of(),
            "SELECT * FROM orders WHERE created_at >= '2024-03-01' AND created_at < '2024-03-02'"),
        new PlanCase("inefficient-index-scan-fires", "inefficient-index-scan", true, List.of(),
            "SELECT * FROM orders WHERE created_at >= '2024-01-01' AND created_at < '2024-02-01' AND status = 'st7'"),
        new PlanCase("inefficient-index-scan-silent", "inefficient-index-scan", false, List.of(),
            "SELECT * FROM orders WHERE created_at >= '2024-01-01' AND created_at < '2024-01-02' AND total >= 0"),
        new PlanCase("join-explosion-fires", "join-explosion", true, List.of(),
            "SELECT a.id, b.id FROM order_tags a JOIN order_tags b ON a.tag = b.tag"),
        new PlanCase("join-explosion-silent", "join-explosion", false, List.of(),
            "SELECT a.id, b.tag FROM order_tags a JOIN order_tags b ON a.id = b.id"),
        new PlanCase("heavy-aggregation-fires", "heavy-aggregation", true, List.of(),
            "SELECT kind, count(*), sum(amount) FROM events GROUP BY kind"),
        new PlanCase("heavy-aggregation-silent", "heavy-aggregation", false, List.of(),
            "SELECT kind, count(*) FROM events WHERE id < 50000 GROUP BY kind"),
        new PlanCase("top-n-full-sort-fires", "top-n-full-sort", true, List.of(),
            "SELECT * FROM orders ORDER BY total DESC LIMIT 10"),
        new PlanCase("top-n-full-sort-silent", "top-n-full-sort", false, List.of(),
            "SELECT * FROM orders ORDER BY id LIMIT 10"),
        new PlanCase("heap-fetches-fires", "heap-fetches", true, INDEX_ONLY,
            "SELECT id FROM visits_fresh WHERE id < 50000"),
        new PlanCase("heap-fetches-silent", "heap-fetches", false, INDEX_ONLY,
            "SELECT id FROM visits_vacuumed WHERE id < 50000"),
        new PlanCase("lossy-bitmap-scan-fires", "lossy-bitmap-scan", true,
            concat(SMALL_WORK_MEM, BITMAP_ONLY),
            "SELECT * FROM orders WHERE created_at >= '2024-01-01' AND created_at < '2024-04-01'"),
        new PlanCase("lossy-bitmap-scan-silent", "lossy-bitmap-scan", false, concat(LARGE_WORK_MEM, BITMAP_ONLY),
            "SELECT * FROM orders WHERE created_at >= '2024-01-01' AND created_at < '2024-04-01'"));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  String fixture() {
    return "plans/pg/" + name + ".json";
  }
}

package io.querydoctor.postgres.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TPC-DS query texts (v1.4, 99 templates, 103 queries with the a/b variants) as Spark's test jar carries
 * them ({@code tpcds/q*.sql}, read from the class path at run time, never copied into this repository), turned
 * into PostgreSQL's syntax: Spark's {@code INTERVAL 30 days} becomes {@code INTERVAL '30 days'}, its
 * back-quoted aliases double-quoted identifiers, an output alias used inside an ORDER BY expression (q36, q70,
 * q86: {@code CASE WHEN lochierarchy = 0}) its expression, and Spark's column name {@code c_last_review_date}
 * (q30) dsdgen's {@code c_last_review_date_sk}. What PostgreSQL still cannot plan is left out by the benchmark,
 * with PostgreSQL's reason.
 */
final class TpcdsQueries {

  private static final Pattern INTERVAL = Pattern.compile("(?i)\\binterval\\s+(\\d+)\\s+(day|days)\\b");
  private static final Pattern BACKQUOTED = Pattern.compile("`([^`]*)`");
  /** {@code grouping(a) + grouping(b) AS lochierarchy}: Spark lets ORDER BY use the alias inside an expression. */
  private static final Pattern HIERARCHY =
      Pattern.compile("(?i)(grouping\\(\\w+\\)\\s*\\+\\s*grouping\\(\\w+\\))\\s+AS\\s+lochierarchy");

  private TpcdsQueries() {}

  /** Every query found, by name ({@code q1}, {@code q14a}, …), in TPC-DS's order, adapted to PostgreSQL. */
  static Map<String, String> all() throws IOException {
    Map<String, String> queries = new LinkedHashMap<>();
    for (int n = 1; n <= 99; n++) {
      for (String name : List.of("q" + n, "q" + n + "a", "q" + n + "b")) {
        String text = resource("tpcds/" + name + ".sql");
        if (text != null) {
          queries.put(name, toPostgres(text));
        }
      }
    }
    if (queries.isEmpty()) {
      throw new IOException("no TPC-DS query on the class path (tpcds/q1.sql): run with -Dtpcds.bench=SF, whose "
          + "profile brings Spark's test jar");
    }
    return queries;
  }

  /** Spark SQL → PostgreSQL, for the constructs the TPC-DS texts use; comments and a trailing ';' dropped. */
  static String toPostgres(String spark) {
    StringBuilder text = new StringBuilder();
    for (String line : spark.split("\n")) {
      if (!line.strip().startsWith("--")) {
        text.append(line).append('\n');
      }
    }
    String sql = text.toString().strip().replaceAll(";\\s*$", "");
    Matcher interval = INTERVAL.matcher(sql);
    sql = interval.replaceAll(m -> "INTERVAL '" + m.group(1) + " days'");
    sql = BACKQUOTED.matcher(sql).replaceAll(m -> Matcher.quoteReplacement("\"" + m.group(1).strip() + "\""));
    Matcher hierarchy = HIERARCHY.matcher(sql);
    if (hierarchy.find()) {
      sql = sql.replaceAll("(?i)\\bWHEN\\s+lochierarchy\\b", Matcher.quoteReplacement("WHEN " + hierarchy.group(1)));
    }
    return sql.replaceAll("\\bc_last_review_date\\b", "c_last_review_date_sk");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = TpcdsQueries.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The names of {@code queries}, in order, for the report. */
  static List<String> names(Map<String, String> queries) {
    return new ArrayList<>(queries.keySet());
  }
}

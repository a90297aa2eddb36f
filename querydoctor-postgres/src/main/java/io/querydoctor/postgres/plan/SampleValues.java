package io.querydoctor.postgres.plan;

import io.querydoctor.core.plan.Conditions;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sample values for a statement's {@code $n} parameters, so that {@code --analyze} can run it without a log:
 * each parameter is matched, in the statement's generic plan, to the column it is compared with
 * ({@code (status = $1)}, {@code ((created_at)::date = $2)}), and given a value the column really holds, from
 * its statistics ({@code pg_stats}): its most common value for an equality (the rows the application most
 * often asks for), else the middle of its histogram. A table whose statistics are stale (more than 10 % of its
 * rows, and at least 1 000, changed since its last ANALYZE) gives instead a value from its newest rows (its last
 * heap page, read by ctid): the rows the statistics have not seen, where a stale estimate is wrong.
 * {@code LIMIT $n} gets 10, {@code OFFSET $n} 0. A parameter
 * without a column or without statistics leaves the statement unsampled, with the reason.
 *
 * <p>Values go to {@code EXECUTE} as untyped literals, so the server converts them to the parameter's type as
 * it would the application's (a timestamp's text for a {@code ::date} comparison becomes that day).
 */
final class SampleValues {

  /** A column (optionally qualified, parenthesised or cast) compared with a parameter, either way round. */
  private static final Pattern COLUMN_THEN_PARAM = Pattern.compile(
      "(?:\\w+\\.)?\"?([A-Za-z_][\\w$]*)\"?\\)*(?:::[\\w ]+)?\\s*(=|<>|<=|>=|<|>|~~\\*?|!~~)\\s*\\(?\\$(\\d+)");
  private static final Pattern PARAM_THEN_COLUMN = Pattern.compile(
      "\\$(\\d+)\\)*(?:::[\\w ]+)?\\s*(=|<>|<=|>=|<|>)\\s*\\(*(?:\\w+\\.)?\"?([A-Za-z_][\\w$]*)\"?");
  private static final Pattern LIMIT = Pattern.compile("(?i)\\bLIMIT\\s+\\$(\\d+)");
  private static final Pattern OFFSET = Pattern.compile("(?i)\\bOFFSET\\s+\\$(\\d+)");

  private static final String STATISTICS = """
      SELECT (most_common_vals::text::text[])[1],
             (histogram_bounds::text::text[])[greatest(1, array_length(histogram_bounds::text::text[], 1) / 2)]
      FROM pg_stats
      WHERE tablename = ?::name AND attname = ?::name AND (schemaname = ?::name OR ?::text IS NULL)
      ORDER BY inherited
      LIMIT 1
      """;

  /** The values, or why there are none. */
  record Sample(List<String> values, String missing) {
    boolean found() {
      return missing == null;
    }
  }

  /** A parameter compared with {@code column} of {@code relation} by {@code operator}. */
  record Use(String relation, String column, String operator) {}

  private final SafeExecutor executor;

  SampleValues(SafeExecutor executor) {
    this.executor = executor;
  }

  Sample of(StatementText statement, Plan generic) throws SQLException {
    int count = statement.highestParameter();
    Map<Integer, Use> uses = uses(generic);
    List<String> values = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      String value = value(statement, n, uses.get(n));
      if (value == null) {
        Use use = uses.get(n);
        return new Sample(List.of(), use == null
            ? "no column is compared with $" + n + " in its plan, so there is no sample value for it"
            : "no statistics for " + use.relation() + "." + use.column() + " to take a sample value of $" + n
                + " from (ANALYZE it)");
      }
      values.add(value);
    }
    return new Sample(values, null);
  }

  private String value(StatementText statement, int n, Use use) throws SQLException {
    if (matches(LIMIT, statement.sql(), n)) {
      return "10";
    }
    if (matches(OFFSET, statement.sql(), n)) {
      return "0";
    }
    if (use == null) {
      return null;
    }
    String recent = newestValue(use);
    if (recent != null) {
      return recent;
    }
    int dot = use.relation().lastIndexOf('.');
    String schema = dot < 0 ? null : use.relation().substring(0, dot);
    String table = use.relation().substring(dot + 1);
    List<String[]> stats = executor.query(STATISTICS, rs -> new String[] {rs.getString(1), rs.getString(2)}, table,
        use.column(), schema, schema);
    if (stats.isEmpty()) {
      return null;
    }
    String common = stats.get(0)[0];
    String middle = stats.get(0)[1];
    boolean equality = use.operator().equals("=");
    return equality && common != null ? common : middle != null ? middle : common;
  }

  private static final String STALE_LAST_PAGE = """
      SELECT (pg_relation_size(c.oid) / current_setting('block_size')::int) - 1
      FROM pg_class c JOIN pg_stat_all_tables s ON s.relid = c.oid
      WHERE c.oid = to_regclass(?) AND s.n_mod_since_analyze >= 1000
        AND s.n_mod_since_analyze > 0.1 * greatest(c.reltuples, 1)
      """;

  /** Rows looked at per page: more than fit on one 8 kB page of narrow rows. */
  private static final int TUPLES_PER_PAGE = 300;

  /** Newest pages looked at: past the few rows the application itself appended since the bulk change. */
  private static final int NEWEST_PAGES = 32;

  /** How far back from the end to look past empty pages for the newest rows. */
  private static final int MAX_EMPTY_PAGES = 512;

  private static final String FREQUENCIES = """
      SELECT most_common_vals::text::text[], most_common_freqs FROM pg_stats
      WHERE tablename = ?::name AND attname = ?::name AND (schemaname = ?::name OR ?::text IS NULL)
      ORDER BY inherited
      LIMIT 1
      """;

  /**
   * When the table's statistics are stale: of the values in its newest rows (its last non-empty pages, read by
   * ctid), the one the statistics know least (absent from its most common values, else the least frequent of
   * them), where a stale estimate is most wrong. Null when the statistics are not stale or the pages hold no
   * value.
   */
  private String newestValue(Use use) throws SQLException {
    List<Long> lastPage = executor.query(STALE_LAST_PAGE, rs -> rs.getLong(1), quoted(use.relation()));
    if (lastPage.isEmpty() || lastPage.get(0) < 0) {
      return null;
    }
    String column = quote(use.column());
    String sql = "SELECT " + column + "::text, count(*) FROM " + quoted(use.relation())
        + " WHERE ctid = ANY (ARRAY(SELECT format('(%s,%s)', p, i)::tid FROM generate_series(greatest(0, ?::bigint - "
        + (NEWEST_PAGES - 1) + "), ?::bigint) p, generate_series(1, " + TUPLES_PER_PAGE + ") i)) AND " + column
        + " IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 100";
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    // A bulk load extends a table by many pages at once (16+): the newest rows may sit before empty pages.
    for (long last = lastPage.get(0); counts.isEmpty() && last >= 0 && last > lastPage.get(0) - MAX_EMPTY_PAGES;
        last -= NEWEST_PAGES) {
      executor.query(sql, rs -> counts.put(rs.getString(1), rs.getLong(2)), last, last);
    }
    Map<String, Double> known = frequencies(use);
    String least = null;
    double leastFrequency = Double.MAX_VALUE;
    for (String value : counts.keySet()) {
      double frequency = known.getOrDefault(value, 0.0);
      if (frequency < leastFrequency) {
        least = value;
        leastFrequency = frequency;
      }
    }
    return least;
  }

  /** The column's most common values and their frequencies, as the statistics know them. */
  private Map<String, Double> frequencies(Use use) throws SQLException {
    int dot = use.relation().lastIndexOf('.');
    String schema = dot < 0 ? null : use.relation().substring(0, dot);
    Map<String, Double> known = new HashMap<>();
    executor.query(FREQUENCIES, rs -> {
      java.sql.Array values = rs.getArray(1);
      java.sql.Array freqs = rs.getArray(2);
      if (values != null && freqs != null) {
        Object[] v = (Object[]) values.getArray();
        Object[] f = (Object[]) freqs.getArray();
        for (int i = 0; i < Math.min(v.length, f.length); i++) {
          known.put(String.valueOf(v[i]), ((Number) f[i]).doubleValue());
        }
      }
      return null;
    }, use.relation().substring(dot + 1), use.column(), schema, schema);
    return known;
  }

  /** {@code schema.table} with each part quoted as an identifier. */
  private static String quoted(String relation) {
    int dot = relation.lastIndexOf('.');
    return dot < 0 ? quote(relation) : quote(relation.substring(0, dot)) + "." + quote(relation.substring(dot + 1));
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static boolean matches(Pattern pattern, String sql, int n) {
    Matcher m = pattern.matcher(sql);
    while (m.find()) {
      if (Integer.parseInt(m.group(1)) == n) {
        return true;
      }
    }
    return false;
  }

  /** Each parameter's first comparison with a column of a scanned relation in the plan. */
  static Map<Integer, Use> uses(Plan plan) {
    Map<Integer, Use> uses = new HashMap<>();
    for (PlanNode node : plan.nodes()) {
      if (node.relation() == null) {
        continue;
      }
      Conditions c = node.conditions();
      for (String condition : new String[] {c.indexCond(), c.filter(), c.recheckCond()}) {
        if (condition == null) {
          continue;
        }
        Matcher m = COLUMN_THEN_PARAM.matcher(condition);
        while (m.find()) {
          uses.putIfAbsent(Integer.parseInt(m.group(3)), new Use(node.relation(), m.group(1), m.group(2)));
        }
        m = PARAM_THEN_COLUMN.matcher(condition);
        while (m.find()) {
          uses.putIfAbsent(Integer.parseInt(m.group(1)), new Use(node.relation(), m.group(3), m.group(2)));
        }
      }
    }
    return uses;
  }
}

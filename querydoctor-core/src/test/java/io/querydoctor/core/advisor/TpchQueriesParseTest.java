package io.querydoctor.core.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 22 TPC-H queries (unqualified columns across many tables, correlated subqueries, a view) parse. */
class TpchQueriesParseTest {

  /** TPC-H's own schema, as the database catalog would answer. */
  static final TableColumns TPCH = (table, column) -> TpchTable.getTables().stream()
      .filter(t -> t.getTableName().equals(table))
      .flatMap(t -> t.getColumns().stream())
      .map(TpchColumn::getColumnName)
      .anyMatch(c -> c.toLowerCase(Locale.ROOT).equals(column));

  private final QueryParser parser = new QueryParser(TPCH);

  static String query(int number) throws IOException {
    try (InputStream in = TpchTable.class.getResourceAsStream("/io/trino/tpch/queries/q" + number + ".sql")) {
      StringBuilder sql = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.strip().startsWith("--")) {
          sql.append(line).append('\n');
        }
      }
      String[] statements = sql.toString().split(";");
      String last = statements[statements.length - 1];
      return (last.isBlank() ? statements[statements.length - 2] : last).strip();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22})
  void everyQueryParsesAndReadsAtLeastOneTable(int number) throws IOException {
    ParsedQuery parsed = parser.parse(query(number));
    assertThat(parsed.skipReason()).isNull();
    assertThat(parsed.accesses()).isNotEmpty();
  }

  @Test
  void q6FiltersLineitemByRanges() throws IOException {
    TableAccess lineitem = parser.parse(query(6)).access("lineitem").orElseThrow();
    assertThat(lineitem.range()).containsExactlyInAnyOrder("l_shipdate", "l_discount", "l_quantity");
  }

  @Test
  void q17CorrelatedSubqueryLooksUpLineitemByPartkey() throws IOException {
    ParsedQuery q17 = parser.parse(query(17));
    assertThat(q17.accessesTo("lineitem")).hasSize(2);
    assertThat(q17.accessesTo("lineitem").get(1).join()).containsExactly("l_partkey");
    assertThat(q17.access("part").orElseThrow().constantFilters()).extracting(ConstantFilter::predicate)
        .containsExactlyInAnyOrder("p_brand = 'Brand#23'", "p_container = 'MED BOX'");
  }

  @Test
  void q3JoinsThreeTablesByUnqualifiedColumns() throws IOException {
    ParsedQuery q3 = parser.parse(query(3));
    assertThat(q3.access("orders").orElseThrow().join()).containsExactlyInAnyOrder("o_custkey", "o_orderkey");
    assertThat(q3.access("lineitem").orElseThrow().join()).containsExactly("l_orderkey");
    assertThat(q3.access("customer").orElseThrow().equality()).containsExactly("c_mktsegment");
  }
}
